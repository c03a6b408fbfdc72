/** @spec DOC-1 */
import { test } from '@japa/runner'
import { readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ApiClient as HttpClient } from '@japa/api-client'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import Document from '#models/document'
import DocumentFile from '#models/document_file'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { documentStorage } from '#services/document_storage'
import { freshWorld, resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'
import { apiToken, pdfFile, writeTemp } from '#tests/support/documents'

const METADATA = {
  customerNumber: 'DL2000001',
  type: 'invoice',
  number: 'INV-2026-0001',
  title: 'Lease instalment November',
  category: 'Invoices',
  issueDate: '2026-11-01',
  dueDate: '2026-11-30',
  amount: '1234.56',
  currency: 'EUR',
}

function publish(
  client: HttpClient,
  tenant: Tenant,
  token: string,
  fields: Record<string, string>,
  file: string
) {
  return client
    .post('/api/v1/documents')
    .forTenant(tenant.slug)
    .header('Authorization', `Bearer ${token}`)
    .fields(fields)
    .file('file', file)
}

const storageRoot = () => app.makePath(env.get('DRIVE_FS_ROOT') ?? 'tmp/storage')

async function storedFiles(tenant: Tenant): Promise<string[]> {
  const root = join(storageRoot(), `t${tenant.id}`)
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true })
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
  } catch {
    return []
  }
}

async function documentCount(tenant: Tenant) {
  return tenantContext.run(tenant.id, async () => {
    const rows = await Document.all()
    return rows.length
  })
}

test.group('Documents / publishing API', (group) => {
  let tenant: Tenant
  let token: string

  group.each.setup(async () => {
    await freshWorld()
    await rm(storageRoot(), { recursive: true, force: true })
    tenant = await TenantFactory.create()
    await createCustomer(
      tenant,
      'Lease One',
      ['DL2000001'],
      await UserFactory.for(tenant).merge({ email: 'main@example.com' }).create()
    )
    token = await apiToken(tenant)
  })

  test('a document is published once per external id; a retry answers with the first one', async ({
    client,
    assert,
  }) => {
    const file = pdfFile()
    const first = await publish(client, tenant, token, { ...METADATA, externalId: 'ERP-1' }, file)
    first.assertStatus(201)
    const data = first.body().data
    assert.containsSubset(data, {
      externalId: 'ERP-1',
      customerNumber: 'DL2000001',
      type: 'invoice',
      amount: '1234.56',
      issueDate: '2026-11-01',
      retainUntil: '2033-11-01',
      category: 'Invoices',
    })
    assert.equal(data.files[0].mime, 'application/pdf')

    const retry = await publish(client, tenant, token, { ...METADATA, externalId: 'ERP-1' }, file)
    retry.assertStatus(200)
    assert.equal(retry.body().data.id, data.id)
    assert.isFalse(retry.body().created)
    assert.equal(await documentCount(tenant), 1)
    assert.lengthOf(await storedFiles(tenant), 1)

    // The stored bytes match the SHA-256 kept at upload.
    const stored = await tenantContext.run(tenant.id, () => DocumentFile.firstOrFail())
    const bytes = await documentStorage.read(stored)
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')

    const fetched = await client
      .get(`/api/v1/documents/${data.id}`)
      .forTenant(tenant.slug)
      .header('Authorization', `Bearer ${token}`)
    assert.equal(fetched.body().data.title, 'Lease instalment November')
    const listed = await client
      .get('/api/v1/documents?customerNumber=dl2000001&type=invoice')
      .forTenant(tenant.slug)
      .header('Authorization', `Bearer ${token}`)
    assert.deepEqual(
      listed.body().data.map((row: { externalId: string }) => row.externalId),
      ['ERP-1']
    )
  })

  test('the same external id with other content is a conflict and stores nothing', async ({
    client,
    assert,
  }) => {
    await publish(client, tenant, token, { ...METADATA, externalId: 'ERP-2' }, pdfFile())
    const conflict = await publish(
      client,
      tenant,
      token,
      { ...METADATA, externalId: 'ERP-2', amount: '99.00' },
      pdfFile()
    )
    conflict.assertStatus(409)
    assert.equal(conflict.body().code, 'E_EXTERNAL_ID_CONFLICT')
    assert.equal(await documentCount(tenant), 1)
    assert.lengthOf(await storedFiles(tenant), 1)
  })

  test('a renamed executable, an unknown customer number and malformed metadata are refused per field', async ({
    client,
    assert,
  }) => {
    const exe = writeTemp(
      'invoice.pdf',
      Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048, 1)])
    )
    const renamed = await publish(client, tenant, token, METADATA, exe)
    renamed.assertStatus(422)
    assert.deepEqual(renamed.body().errors, [
      {
        field: 'file',
        message:
          'The content of this file is not of an accepted type (checked from the bytes, not the name).',
      },
    ])

    const unknown = await publish(
      client,
      tenant,
      token,
      { ...METADATA, customerNumber: 'DL9999999' },
      pdfFile()
    )
    unknown.assertStatus(422)
    assert.deepEqual(unknown.body().errors, [
      { field: 'customerNumber', message: 'No customer number like this exists in this portal.' },
    ])

    const malformed = await publish(
      client,
      tenant,
      token,
      { ...METADATA, amount: '12,50', issueDate: '01/11/2026', currency: 'euro' },
      pdfFile()
    )
    malformed.assertStatus(422)
    assert.equal(malformed.body().code, 'E_VALIDATION_ERROR')
    assert.sameMembers(
      malformed.body().errors.map((error: { field: string }) => error.field),
      ['amount', 'issueDate', 'currency']
    )
    assert.equal(await documentCount(tenant), 0)
    assert.lengthOf(await storedFiles(tenant), 0)
  })

  test('no token, a wrong token or another tenant token: 401, nothing stored', async ({
    client,
    assert,
  }) => {
    const none = await client.post('/api/v1/documents').forTenant(tenant.slug).fields(METADATA)
    none.assertStatus(401)
    assert.equal(none.body().code, 'E_UNAUTHORIZED_ACCESS')

    const other = await TenantFactory.create()
    const otherToken = await apiToken(other)
    const crossTenant = await publish(client, tenant, otherToken, METADATA, pdfFile())
    crossTenant.assertStatus(401)
    const garbage = await publish(client, tenant, 'ptl_not-a-token', METADATA, pdfFile())
    garbage.assertStatus(401)
    assert.equal(await documentCount(tenant), 0)
  })

  test('"last used" is stamped once a minute per token, and never by a wrong secret', async ({
    client,
    assert,
  }) => {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const lastUsed = async () => {
      const row = await db.from('auth_access_tokens').select('last_used_at').firstOrFail()
      return row.last_used_at === null ? null : new Date(row.last_used_at).getTime()
    }
    const list = (bearer: string) =>
      client
        .get('/api/v1/documents')
        .forTenant(tenant.slug)
        .header('Authorization', `Bearer ${bearer}`)

    const [prefixAndId] = token.split('.')
    const response1 = await list(`${prefixAndId}.${'x'.repeat(40)}`)
    response1.assertStatus(401)
    assert.isNull(await lastUsed(), 'a wrong secret stamps nothing')

    const response2 = await list(token)

    response2.assertStatus(200)
    const first = await lastUsed()
    assert.isNotNull(first)
    const response3 = await list(token)
    response3.assertStatus(200)
    assert.equal(await lastUsed(), first, 'a second call within the minute writes nothing')

    await db.from('auth_access_tokens').update({ last_used_at: new Date(Date.now() - 120_000) })
    const response4 = await list(token)
    response4.assertStatus(200)
    assert.isAbove((await lastUsed())!, first! - 1000)
  })

  test('small files are stored whole, large ones streamed: both kept byte for byte', async ({
    client,
    assert,
  }) => {
    const { readFileSync } = await import('node:fs')
    const { createHash } = await import('node:crypto')
    const small = readFileSync(pdfFile())
    // A PDF may carry anything after its end; 3 MB is past the whole-file limit (1 MB).
    const large = Buffer.concat([small, Buffer.alloc(3 * 1024 * 1024, '%')])
    for (const [index, bytes] of [small, large].entries()) {
      const published = await publish(
        client,
        tenant,
        token,
        { ...METADATA, externalId: `SIZE-${index}` },
        writeTemp(`size-${index}.pdf`, bytes)
      )
      published.assertStatus(201)
      const file = await tenantContext.run(tenant.id, () =>
        DocumentFile.query().where('document_id', published.body().data.id).firstOrFail()
      )
      assert.equal(file.size, bytes.length)
      assert.equal(file.sha256, createHash('sha256').update(bytes).digest('hex'))
      const read = await documentStorage.read(file)
      assert.isTrue(read.equals(bytes))
    }
  })

  test('a download is checked against the SHA-256 kept at upload', async ({ client, assert }) => {
    const published = await publish(client, tenant, token, METADATA, pdfFile())
    const id = published.body().data.id
    const viewer = await tenantContext.run(tenant.id, () =>
      User.findByOrFail('email', 'main@example.com')
    )

    const ok = await client.get(`/documents/${id}/files/pdf`).forTenant(tenant.slug).loginAs(viewer)
    ok.assertStatus(200)
    assert.equal(ok.header('content-type'), 'application/pdf')
    assert.include(ok.header('content-disposition'), 'attachment')

    const stored = await tenantContext.run(tenant.id, () => DocumentFile.firstOrFail())
    await writeFile(join(storageRoot(), stored.storageKey), '%PDF-1.4 tampered')
    const tampered = await client
      .get(`/documents/${id}/files/pdf`)
      .forTenant(tenant.slug)
      .loginAs(viewer)
      .header('Referer', `/documents/${id}`)
      .redirects(0)
    tampered.assertHeader('location', `/documents/${id}`)
    tampered.assertFlashMessage(
      'error',
      'This file could not be checked: it no longer matches what was published. The problem was logged; please try again later or contact customer service.'
    )
  })

  test('the API is described by an OpenAPI document', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json').forTenant(tenant.slug)
    response.assertStatus(200)
    assert.equal(response.body().openapi, '3.1.0')
    assert.properties(response.body().paths, ['/documents', '/documents/{id}'])
  })
})

test.group('Documents / API tokens page (admins)', (group) => {
  resetWorld(group)

  test('an admin creates a token (shown once), sees it used, and revokes it', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const created = await client
      .post('/admin/api-tokens')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ name: 'ERP', days: 30 })
      .redirects(0)
    created.assertStatus(302)
    // The flash survives one redirect: the page shows the token once.
    const page = await client
      .get('/admin/api-tokens')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withFlashMessages(created.flashMessages())
      .withInertia()
    const props = page.inertiaProps as {
      newToken: string | null
      tokens: { id: number; client: string; expiresAt: string | null }[]
    }
    assert.match(props.newToken ?? '', /^ptl_/)
    assert.equal(props.tokens[0].client, 'ERP')
    assert.isNotNull(props.tokens[0].expiresAt)

    const list = () =>
      client
        .get('/api/v1/documents')
        .forTenant(tenant.slug)
        .header('Authorization', `Bearer ${props.newToken}`)
    const before = await list()
    before.assertStatus(200)

    const byStaff = await client
      .delete(`/admin/api-tokens/${props.tokens[0].id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    byStaff.assertStatus(403)
    const revoked = await client
      .delete(`/admin/api-tokens/${props.tokens[0].id}`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    revoked.assertStatus(302)
    const after = await list()
    after.assertStatus(401)
  })
})
