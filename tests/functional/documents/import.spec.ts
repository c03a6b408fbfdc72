import { test } from '@japa/runner'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import Document from '#models/document'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { truncateAll } from '#tests/support/database'
import { createTenant, createUser } from '#tests/support/factories'
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
  group.each.setup(async () => {
    await truncateAll()
    await maildev.clear()
  })

  test('one bad line refuses the whole import, naming the line and the field', async ({
    assert,
  }) => {
    const tenant = await createTenant()
    const anna = await createUser(tenant)
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
    const tenant = await createTenant()
    const anna = await createUser(tenant, { email: 'anna@example.com' })
    const otto = await createUser(tenant, { email: 'otto@example.com' })
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
})
