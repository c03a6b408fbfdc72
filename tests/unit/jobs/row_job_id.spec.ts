import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { rowJobId } from '#jobs/queues'

test.group('Jobs / row job ids', () => {
  test('the same row always gives the same job id, so a second dispatch is a no-op', ({
    assert,
  }) => {
    const createdAt = DateTime.fromISO('2026-12-01T10:00:00.123Z')
    assert.equal(
      rowJobId('notify-batch', { tenantId: 1, id: 7, createdAt }),
      rowJobId('notify-batch', { tenantId: 1, id: 7, createdAt: createdAt.toUTC() })
    )
  })

  test("another database's row with the same ids gets another job id", ({ assert }) => {
    const first = rowJobId('notify-batch', {
      tenantId: 1,
      id: 1,
      createdAt: DateTime.fromISO('2026-12-01T10:00:00Z'),
    })
    const afterWipe = rowJobId('notify-batch', {
      tenantId: 1,
      id: 1,
      createdAt: DateTime.fromISO('2026-12-06T09:00:00Z'),
    })
    assert.notEqual(first, afterWipe)
    assert.notEqual(
      first,
      rowJobId('upload', {
        tenantId: 1,
        id: 1,
        createdAt: DateTime.fromISO('2026-12-01T10:00:00Z'),
      })
    )
  })
})
