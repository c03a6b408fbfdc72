/** @spec DOC-1 LEASE-5 */
import { test } from '@japa/runner'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import Document from '#models/document'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'
import { pdfFile, writeTemp } from '#tests/support/documents'
import { runAce } from '#tests/support/processes'
import { maildev } from '#tests/support/maildev'

const HEADER = 'file,customerNumber,type,number,title,issueDate,amount,externalId'

/** A folder with the given files and a metadata CSV. */
function folderWith(files: Record<string, string>, lines: string[]): string {
  const folder = app.tmpPath('test-imports', randomUUID())
  mkdirSync(folder, { recursive: true })
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true })
    copyFileSync(source, join(folder, name))
  }
  writeFileSync(join(folder, 'metadata.csv'), [HEADER, ...lines].join('\n'))
  return folder
}

async function count(tenant: Tenant) {
  const rows = await tenantContext.run(tenant.id, () => Document.all())
  return rows.length
}

test.group('Documents / batch import (node ace documents:import)', (group) => {
  resetWorld(group)

  test('one bad line refuses the whole import, naming the line and the field', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const anna = await UserFactory.for(tenant).create()
    await createCustomer(tenant, 'Anna BV', ['DL2000001'], anna)
    const folder = folderWith(
      {
        'a.pdf': pdfFile(),
        'evil.pdf': writeTemp('evil.pdf', Buffer.from('MZ\x90\x00 not a pdf')),
      },
      [
        'a.pdf,DL2000001,invoice,INV-1,First,2026-11-01,10.00,',
        'a.pdf,DL9999999,invoice,INV-2,Unknown number,2026-11-01,10.00,',
        'evil.pdf,DL2000001,invoice,INV-3,Renamed program,2026-11-01,10.00,',
        'a.pdf,DL2000001,invoice,INV-4,Bad date,01/11/2026,10.00,',
        'missing.pdf,DL2000001,invoice,INV-5,No file,2026-11-01,10.00,',
      ]
    )
    const result = await runAce(['documents:import', folder, '--tenant', tenant.slug, '--quiet'])
    assert.equal(result.code, 1)
    const output = result.stdout + result.stderr
    assert.include(output, 'line 3, customerNumber')
    assert.include(output, 'line 4, file')
    assert.include(output, 'line 5, issueDate')
    assert.include(output, 'line 6, file: missing.pdf does not exist')
    assert.equal(await count(tenant), 0)
  }).timeout(60_000)

  test('a folder of PDFs is published as one batch: one e-mail per recipient; a rerun adds nothing', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const anna = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
    const otto = await UserFactory.for(tenant).merge({ email: 'otto@example.com' }).create()
    await createCustomer(tenant, 'Anna BV', ['DL2000001'], anna)
    await createCustomer(tenant, 'Otto NV', ['DL5000001'], otto)
    const folder = folderWith(
      { 'nov/a.pdf': pdfFile(), 'nov/b.pdf': pdfFile(), 'nov/c.pdf': pdfFile() },
      [
        'nov/a.pdf,DL2000001,invoice,INV-1,November A,2026-11-01,10.00,',
        'nov/b.pdf,DL2000001,credit_note,CN-1,November B,2026-11-02,-5.00,',
        'nov/c.pdf,DL5000001,invoice,INV-2,November C,2026-11-03,12.50,',
      ]
    )
    const first = await runAce(['documents:import', folder, '--tenant', tenant.slug, '--quiet'])
    assert.equal(first.code, 0, first.stdout + first.stderr)
    assert.include(first.stdout, '3 document(s) published')
    assert.equal(await count(tenant), 3)
    const [toAnna] = await maildev.waitFor('anna@example.com')
    assert.include(toAnna.text, 'November A')
    assert.include(toAnna.text, 'November B')
    await maildev.waitFor('otto@example.com')

    const again = await runAce(['documents:import', folder, '--tenant', tenant.slug, '--quiet'])
    assert.equal(again.code, 0, again.stdout + again.stderr)
    assert.include(again.stdout, '0 document(s) published, 3 already there')
    assert.equal(await count(tenant), 3)
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.lengthOf(await maildev.sentTo('anna@example.com'), 1)

    // Another file under a line's (derived) external id is a conflict: refused, nothing stored.
    copyFileSync(pdfFile(), join(folder, 'nov/a.pdf'))
    const changed = await runAce(['documents:import', folder, '--tenant', tenant.slug, '--quiet'])
    assert.equal(changed.code, 1)
    assert.include(changed.stdout + changed.stderr, 'line 2, externalId')
    assert.equal(await count(tenant), 3)
  }).timeout(120_000)

  test('a run of several chunks is published whole, in one batch, each line under its own file', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const anna = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
    await createCustomer(tenant, 'Anna BV', ['DL2000001', 'DL2000002'], anna)
    // 620 lines: the import checks 500 at a time and publishes 250 per transaction.
    const lines = Array.from(
      { length: 620 },
      (_, index) =>
        `f${index % 7}.pdf,DL200000${1 + (index % 2)},invoice,INV-${index},Line ${index},2026-11-01,1.00,`
    )
    const files = Object.fromEntries(
      Array.from({ length: 7 }, (_, index) => [`f${index}.pdf`, pdfFile()])
    )
    const folder = folderWith(files, lines)
    const result = await runAce(['documents:import', folder, '--tenant', tenant.slug, '--quiet'])
    assert.equal(result.code, 0, result.stdout + result.stderr)
    assert.include(result.stdout, '620 document(s) published, 0 already there')
    const { default: DocumentFile } = await import('#models/document_file')
    const { default: PublicationBatch } = await import('#models/publication_batch')
    const stored = await tenantContext.run(tenant.id, () => DocumentFile.all())
    assert.lengthOf(stored, 620)
    assert.lengthOf(new Set(stored.map((file) => file.storageKey)), 620)
    const batches = await tenantContext.run(tenant.id, () => PublicationBatch.all())
    assert.lengthOf(batches, 1)
    assert.equal(batches[0].documents, 620)
    // One e-mail for the main contact of both numbers, whatever the number of documents.
    await maildev.waitFor('anna@example.com')
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.lengthOf(await maildev.sentTo('anna@example.com'), 1)
  }).timeout(120_000)
})

test.group('Documents / bulk storage of an import chunk', () => {
  test('files are stored byte for byte with their SHA-256, large ones too', async ({ assert }) => {
    const { readFileSync } = await import('node:fs')
    const { createHash } = await import('node:crypto')
    const { documentStorage, WHOLE_FILE_BYTES } = await import('#services/document_storage')
    const small = readFileSync(pdfFile())
    const large = Buffer.concat([small, Buffer.alloc(WHOLE_FILE_BYTES + 10, '%')])
    const paths = [writeTemp('small.pdf', small), writeTemp('large.pdf', large)]
    const stored = await documentStorage.putMany(
      1,
      paths.map((path, index) => ({
        path,
        name: `${index}.pdf`,
        size: [small, large][index].length,
        mime: 'application/pdf',
      }))
    )
    for (const [index, bytes] of [small, large].entries()) {
      const file = stored[index]
      assert.equal(file.sha256, createHash('sha256').update(bytes).digest('hex'))
      assert.equal(file.size, bytes.length)
      assert.match(file.storageKey, /^t1\/documents\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/)
      assert.isTrue(readFileSync(documentStorage.localPath(file.storageKey)!).equals(bytes))
    }
    await documentStorage.remove(stored.map((file) => file.storageKey))
  })

  test('a file that changed since it was checked is refused; nothing of the chunk stays', async ({
    assert,
  }) => {
    const { existsSync, readFileSync, readdirSync } = await import('node:fs')
    const { documentStorage } = await import('#services/document_storage')
    // A tenant id of its own: its folder holds only what this test stores.
    const tenantId = 900_000 + Math.floor(Math.random() * 99_999)
    const first = pdfFile()
    const changed = pdfFile()
    const checkedSize = readFileSync(changed).length
    // Grown after the check: another program wrote to it meanwhile.
    writeFileSync(changed, Buffer.concat([readFileSync(changed), Buffer.from('% more')]))
    await assert.rejects(
      () =>
        documentStorage.putMany(tenantId, [
          { path: first, name: 'a.pdf', size: readFileSync(first).length, mime: 'application/pdf' },
          { path: changed, name: 'b.pdf', size: checkedSize, mime: 'application/pdf' },
        ]),
      /changed while it was stored/
    )
    const now = new Date()
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
    const folder = documentStorage.localPath(`t${tenantId}/documents/${month}`)!
    // The first file was written, then removed with the failure.
    assert.isTrue(existsSync(folder))
    assert.lengthOf(readdirSync(folder), 0)
  })
})
