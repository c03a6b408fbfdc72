import { test } from '@japa/runner'
import { cleanFileName } from '#services/document_storage'

test.group('Documents / file names', () => {
  test('path parts, control characters and reserved characters are removed', ({ assert }) => {
    assert.equal(cleanFileName('../../etc/passwd', 'x.pdf'), 'passwd')
    assert.equal(cleanFileName('C:\\Users\\me\\invoice.pdf', 'x.pdf'), 'invoice.pdf')
    assert.equal(cleanFileName('in\u0000voice<1>.pdf', 'x.pdf'), 'invoice1.pdf')
    assert.equal(cleanFileName('...hidden.pdf', 'x.pdf'), 'hidden.pdf')
  })

  test('an empty result falls back to the given name', ({ assert }) => {
    assert.equal(cleanFileName('../', 'document.pdf'), 'document.pdf')
    assert.equal(cleanFileName('  ', 'document.pdf'), 'document.pdf')
  })
})
