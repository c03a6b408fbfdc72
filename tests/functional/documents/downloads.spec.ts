/** @spec DOC-4 */
import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import AdmZip from 'adm-zip'
import drive from '@adonisjs/drive/services/main'
import type { ApiClient } from '@japa/api-client'
import Download from '#models/download'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { writeZip, zipEntryNames } from '#jobs/build_zip_job'
import DocumentFile from '#models/document_file'
import { documentStorage, WHOLE_FILE_BYTES } from '#services/document_storage'
import { purgeExpiredDownloads } from '#jobs/purge_downloads_job'
import { queue } from '#jobs/queues'
import { DateTime } from 'luxon'
import { freshWorld, resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'
import { apiToken, pdfFile, writeTemp } from '#tests/support/documents'
import { fieldErrors } from '#tests/support/api_client_macros'

async function waitForStatus(tenant: Tenant, id: number, status: string, within = 20_000) {
  const deadline = Date.now() + within
  for (;;) {
    const row = await tenantContext.run(tenant.id, () => Download.findOrFail(id))
    if (row.status === status) return row
    if (Date.now() > deadline) throw new Error(`download ${id} stayed ${row.status}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** "Download selected" of these documents, as the list page sends it. */
function requestZip(client: ApiClient, tenant: Tenant, user: User, ids: number[]) {
  return client
    .post('/documents/zip')
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .form({ documentIds: ids })
    .redirects(0)
}

/** "Try again" on a download. */
function retryZip(client: ApiClient, tenant: Tenant, user: User, id: number) {
  return client
    .post(`/downloads/${id}/retry`)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
}

/** The rows of the Downloads page. */
async function downloadsPage(client: ApiClient, tenant: Tenant, user: User) {
  const page = await client.get('/downloads').forTenant(tenant.slug).loginAs(user).withInertia()
  return (page.inertiaProps as { downloads: { id: number }[] }).downloads
}

async function publishSome(client: ApiClient, tenant: Tenant, titles: string[]) {
  const token = await apiToken(tenant)
  const ids: number[] = []
  for (const [index, title] of titles.entries()) {
    const response = await client
      .post('/api/v1/documents')
      .forTenant(tenant.slug)
      .header('Authorization', `Bearer ${token}`)
      .fields({
        customerNumber: 'DL2000001',
        type: 'invoice',
        title,
        issueDate: `2026-01-${10 + index}`,
      })
      .file('file', pdfFile())
    ids.push(response.body().data.id)
  }
  return ids
}

test.group('Documents / bulk ZIP (DOC-4)', (group) => {
  let tenant: Tenant
  let user: User
  group.each.setup(async () => {
    await freshWorld()
    tenant = await TenantFactory.create()
    user = await UserFactory.for(tenant).create()
    await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
  })

  test('names inside a ZIP are safe and unique', ({ assert }) => {
    assert.deepEqual(
      zipEntryNames(['../../etc/passwd', 'Invoice 1', 'invoice 1', 'Invoice 1.pdf', '']),
      ['passwd.pdf', 'Invoice 1.pdf', 'invoice 1 (2).pdf', 'Invoice 1 (3).pdf', 'document.pdf']
    )
  })

  test('download selected builds the ZIP in the background; the owner downloads it', async ({
    client,
    assert,
  }) => {
    const ids = await publishSome(client, tenant, [
      'Rent January',
      'Rent February',
      '../Rent March',
    ])
    const queued = await requestZip(client, tenant, user, ids)
    queued.assertHeader('location', '/downloads')
    const row = await tenantContext.run(tenant.id, () => Download.firstOrFail())
    const finished = await waitForStatus(tenant, row.id, 'finished')
    assert.equal(finished.done, 3)

    const downloads = await downloadsPage(client, tenant, user)
    assert.containsSubset(downloads, [{ id: row.id, status: 'finished', total: 3 }])

    const zip = await client.get(`/downloads/${row.id}/file`).forTenant(tenant.slug).loginAs(user)
    zip.assertStatus(200)
    assert.equal(zip.header('content-type'), 'application/zip')
    // The bytes the endpoint streams are the stored ZIP.
    const stored = Buffer.from(await drive.use().getBytes(finished.storageKey!))
    assert.equal(Number(finished.size), stored.length)
    const archive = new AdmZip(stored)
    const names = archive.getEntries().map((entry) => entry.entryName)
    assert.sameMembers(names, ['Rent January.pdf', 'Rent February.pdf', 'Rent March.pdf'])
    for (const entry of archive.getEntries()) {
      assert.equal(entry.getData().subarray(0, 5).toString(), '%PDF-')
    }

    const other = await UserFactory.for(tenant).create()
    const stranger = await client
      .get(`/downloads/${row.id}/file`)
      .forTenant(tenant.slug)
      .loginAs(other)
    stranger.assertStatus(404)
  }).timeout(60_000)

  test('a file changed on the disk fails the ZIP at once; no partial ZIP is left', async ({
    client,
    assert,
  }) => {
    const ids = await publishSome(client, tenant, ['Rent January', 'Rent February'])
    const damaged = await tenantContext.run(tenant.id, () =>
      DocumentFile.query().where('document_id', ids[1]).firstOrFail()
    )
    await writeFile(documentStorage.localPath(damaged.storageKey)!, '%PDF-1.4 changed')
    await requestZip(client, tenant, user, ids)
    const row = await tenantContext.run(tenant.id, () => Download.firstOrFail())
    const failed = await waitForStatus(tenant, row.id, 'failed')
    assert.include(failed.error, 'does not match its SHA-256')
    assert.isFalse(await drive.use().exists(`t${tenant.id}/downloads/${row.id}.zip`))
    // Failed for good after one attempt, not retried: a damaged file stays damaged.
    const deadline = Date.now() + 10_000
    let job
    while (!job && Date.now() < deadline) {
      const failedJobs = await queue('zip').getJobs(['failed'])
      job = failedJobs.find((candidate) => candidate.data.downloadId === row.id)
      if (!job) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(job?.attemptsMade, 1)
    // Its owner is told why, and offered no "Try again" (the page hides it for this reason).
    const downloads = await downloadsPage(client, tenant, user)
    assert.containsSubset(downloads, [{ id: row.id, status: 'failed', failure: 'damaged' }])
  }).timeout(60_000)

  test('a ZIP that failed otherwise is built again on "Try again", for its owner only', async ({
    client,
    assert,
  }) => {
    const ids = await publishSome(client, tenant, ['Rent January', 'Rent February'])
    const file = await tenantContext.run(tenant.id, () =>
      DocumentFile.query().where('document_id', ids[0]).firstOrFail()
    )
    const path = documentStorage.localPath(file.storageKey)!
    const { readFile, rename } = await import('node:fs/promises')
    const original = await readFile(path)
    // The disk lost the file for a while: every attempt fails, then it is back.
    await rename(path, `${path}.away`)
    await requestZip(client, tenant, user, ids)
    const row = await tenantContext.run(tenant.id, () => Download.firstOrFail())
    const failed = await waitForStatus(tenant, row.id, 'failed', 30_000)
    const downloads = await downloadsPage(client, tenant, user)
    assert.containsSubset(downloads, [{ id: row.id, status: 'failed', failure: 'error' }])
    await rename(`${path}.away`, path)

    const other = await UserFactory.for(tenant).create()
    const stranger = await retryZip(client, tenant, other, row.id)
    stranger.assertStatus(404)

    const retried = await retryZip(client, tenant, user, row.id)
    retried.assertHeader('location', '/downloads')
    const finished = await waitForStatus(tenant, failed.id, 'finished')
    const archive = new AdmZip(Buffer.from(await drive.use().getBytes(finished.storageKey!)))
    assert.isTrue(archive.getEntry('Rent January.pdf')!.getData().equals(original))
    // Finished: nothing to try again.
    const again = await retryZip(client, tenant, user, row.id)
    again.assertStatus(404)
  }).timeout(90_000)

  test('the local disk and the generic drive path write the same ZIP; large files stream', async ({
    client,
    assert,
  }) => {
    const ids = await publishSome(client, tenant, ['Small one'])
    const token = await apiToken(tenant, 'Large files')
    // Over WHOLE_FILE_BYTES: streamed into the ZIP with a data descriptor.
    const large = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      randomBytes(WHOLE_FILE_BYTES + 500_000),
      Buffer.from('\n%%EOF\n'),
    ])
    const published = await client
      .post('/api/v1/documents')
      .forTenant(tenant.slug)
      .header('Authorization', `Bearer ${token}`)
      .fields({
        customerNumber: 'DL2000001',
        type: 'invoice',
        title: 'Large',
        issueDate: '2026-02-01',
      })
      .file('file', writeTemp('large.pdf', large))
    ids.push(published.body().data.id)
    const files = await tenantContext.run(tenant.id, () =>
      DocumentFile.query().whereIn('document_id', ids).orderBy('document_id')
    )
    const sources = files.map((file, index) => ({
      name: `${index}.pdf`,
      date: new Date('2026-02-01T00:00:00Z'),
      sha256: file.sha256,
      size: Number(file.size),
      storageKey: file.storageKey,
    }))
    const local = await writeZip(sources, `t${tenant.id}/downloads/local.zip`)
    const generic = await writeZip(sources, `t${tenant.id}/downloads/generic.zip`, {
      viaDrive: true,
    })
    const localBytes = Buffer.from(await drive.use().getBytes(`t${tenant.id}/downloads/local.zip`))
    const genericBytes = Buffer.from(
      await drive.use().getBytes(`t${tenant.id}/downloads/generic.zip`)
    )
    assert.equal(local, localBytes.length)
    assert.equal(generic, genericBytes.length)
    assert.isTrue(localBytes.equals(genericBytes))
    const archive = new AdmZip(localBytes)
    assert.isTrue(archive.getEntry('1.pdf')!.getData().equals(large))
    assert.equal(archive.getEntry('0.pdf')!.getData().subarray(0, 5).toString(), '%PDF-')
  }).timeout(60_000)

  test('"Try again" is refused once the user may no longer see a document of the ZIP', async ({
    client,
    assert,
  }) => {
    const ids = await publishSome(client, tenant, ['Private'])
    const other = await UserFactory.for(tenant).create()
    const row = await tenantContext.run(tenant.id, () =>
      Download.create({
        tenantId: tenant.id,
        userId: other.id,
        status: 'failed',
        documentIds: JSON.stringify(ids),
        total: 1,
        done: 0,
        error: 'connect ECONNREFUSED',
        expiresAt: DateTime.now().plus({ hours: 1 }),
      })
    )
    const refused = await retryZip(client, tenant, other, row.id)
    refused.assertFlashMessage(
      'error',
      'This ZIP can no longer be built: you may no longer see all of its documents. Select the documents again in the list.'
    )
    const after = await tenantContext.run(tenant.id, () => Download.findOrFail(row.id))
    assert.equal(after.status, 'failed')
  })

  test('documents the user cannot see are refused, nothing queued', async ({ client, assert }) => {
    const ids = await publishSome(client, tenant, ['Private'])
    const other = await UserFactory.for(tenant).create()
    const refused = await requestZip(client, tenant, other, ids)
    assert.property(fieldErrors(refused), 'documentIds')
    assert.lengthOf(await tenantContext.run(tenant.id, () => Download.all()), 0)
  })
})

test.group('Documents / bulk ZIP expiry (DOC-4)', (group) => {
  resetWorld(group)

  test('expired ZIPs disappear from the page at once and from the disk on the next purge', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
    const ids = await publishSome(client, tenant, ['Old', 'Fresh'])
    for (const id of ids) {
      await requestZip(client, tenant, user, [id])
    }
    const rows = await tenantContext.run(tenant.id, () => Download.query().orderBy('id'))
    const [old, fresh] = await Promise.all(
      rows.map((row) => waitForStatus(tenant, row.id, 'finished'))
    )
    await tenantContext.run(tenant.id, async () => {
      old.expiresAt = DateTime.now().minus({ minutes: 1 })
      await old.save()
    })

    const downloads = await downloadsPage(client, tenant, user)
    assert.deepEqual(
      downloads.map((row) => row.id),
      [fresh.id]
    )
    const gone = await client.get(`/downloads/${old.id}/file`).forTenant(tenant.slug).loginAs(user)
    gone.assertStatus(404)

    assert.equal(await purgeExpiredDownloads(), 1)
    assert.isFalse(await drive.use().exists(old.storageKey!))
    assert.isTrue(await drive.use().exists(fresh.storageKey!))
    const left = await tenantContext.run(tenant.id, () => Download.query().orderBy('id'))
    assert.deepEqual(
      left.map((row) => row.id),
      [fresh.id]
    )
  }).timeout(60_000)
})
