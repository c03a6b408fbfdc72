import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import Document from '#models/document'
import CustomerNumberShare from '#models/customer_number_share'
import SharedUser from '#models/shared_user'
import { tenantContext } from '#tenancy/tenant_context'
import { truncateAll } from '#tests/support/database'
import { createTenant, createUser } from '#tests/support/factories'
import { createCustomer } from '#tests/support/accounts'
import { pdfFile, writeTemp } from '#tests/support/documents'
import { fieldErrors } from '#tests/support/api_client_macros'
import { maildev } from '#tests/support/maildev'

function upload(
  client: ApiClient,
  tenant: Tenant,
  user: User,
  fields: Record<string, string | number>,
  file: string
): ApiRequest {
  return client
    .post('/documents/upload')
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .fields(Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, String(value)])))
    .file('file', file)
    .redirects(0)
}

async function documents(tenant: Tenant) {
  return tenantContext.run(tenant.id, () => Document.query().orderBy('id'))
}

/**
 * Anna (main contact of DL2000001, shared with Sam) uploads; the tenant has
 * an admin, a dossier manager and Anna's internal manager.
 */
async function world() {
  const tenant = await createTenant()
  const anna = await createUser(tenant, { email: 'anna@example.com' })
  const sam = await createUser(tenant, { email: 'sam@example.com' })
  const admin = await createUser(tenant, { role: 'admin', email: 'admin@example.com' })
  const admin2 = await createUser(tenant, { role: 'admin', email: 'admin2@example.com' })
  const dossier = await createUser(tenant, { role: 'staff', email: 'dossier@example.com' })
  const internal = await createUser(tenant, { role: 'staff', email: 'internal@example.com' })
  const { customer, numbers } = await createCustomer(tenant, 'Anna BV', ['DL2000001'], anna)
  await tenantContext.run(tenant.id, async () => {
    await SharedUser.create({ tenantId: tenant.id, ownerId: anna.id, userId: sam.id })
    await CustomerNumberShare.create({
      tenantId: tenant.id,
      customerNumberId: numbers[0].id,
      userId: sam.id,
    })
  })
  return { tenant, anna, sam, admin, admin2, dossier, internal, customer, number: numbers[0] }
}

test.group('Documents / customer uploads (DOC-9)', (group) => {
  group.each.setup(async () => {
    await truncateAll()
    await maildev.clear()
  })

  test('an upload arrives without category, stays with its uploader and staff', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, sam, admin, number } = await world()
    const response = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: number.id, title: 'Marriage contract' },
      pdfFile()
    )
    response.assertStatus(302)
    const [document] = await documents(tenant)
    assert.equal(document.title, 'Marriage contract')
    assert.isNull(document.categoryId)
    assert.equal(document.source, 'upload')
    assert.equal(document.createdById, anna.id)

    const own = await client
      .get(`/documents/${document.id}`)
      .forTenant(tenant.slug)
      .loginAs(anna)
      .withInertia()
    assert.deepInclude(own.inertiaProps, {
      rights: { update: true, delete: true, changeSecurity: false, classify: false },
    })
    const other = await client.get(`/documents/${document.id}`).forTenant(tenant.slug).loginAs(sam)
    other.assertStatus(404)
    const staff = await client
      .get(`/documents/${document.id}`)
      .forTenant(tenant.slug)
      .loginAs(admin)
    staff.assertStatus(200)
  })

  test('bad uploads are refused per field and store nothing', async ({ client, assert }) => {
    const { tenant, anna, admin } = await world()
    const other = await createCustomer(tenant, 'Someone else', ['DL2000009'], null)
    const executable = writeTemp('contract.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00program'))

    const renamed = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id - 1, title: 'Looks like a PDF' },
      executable
    )
    assert.property(fieldErrors(renamed), 'file')
    const foreign = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id, title: 'Not my number' },
      pdfFile()
    )
    assert.property(fieldErrors(foreign), 'customerNumberId')
    const noTitle = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id - 1, title: '' },
      pdfFile()
    )
    assert.property(fieldErrors(noTitle), 'title')
    const byStaff = await upload(
      client,
      tenant,
      admin,
      { customerNumberId: 1, title: 'x' },
      pdfFile()
    )
    byStaff.assertStatus(403)
    assert.lengthOf(await documents(tenant), 0)
  })

  test("staff are told: the customer's manager, else the uploader's manager, else the administrators", async ({
    client,
    assert,
  }) => {
    const { tenant, anna, admin, dossier, internal, customer, number } = await world()
    const send = (title: string) =>
      upload(client, tenant, anna, { customerNumberId: number.id, title }, pdfFile())

    // No manager anywhere: every administrator.
    await send('First upload')
    const [toAdmin] = await maildev.waitFor('admin@example.com')
    assert.include(toAdmin.text, 'First upload')
    await maildev.waitFor('admin2@example.com')

    // The uploader's internal manager, set by staff.
    const setInternal = await client
      .put(`/admin/users/${anna.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: internal.id })
      .redirects(0)
    setInternal.assertStatus(302)
    await send('Second upload')
    const [toInternal] = await maildev.waitFor('internal@example.com')
    assert.include(toInternal.text, 'Second upload')

    // The customer's (dossier's) manager comes first.
    const setDossier = await client
      .put(`/admin/customers/${customer.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: dossier.id })
      .redirects(0)
    setDossier.assertStatus(302)
    await send('Third upload')
    const [toDossier] = await maildev.waitFor('dossier@example.com')
    assert.include(toDossier.text, 'Third upload')

    assert.lengthOf(await maildev.sentTo('admin@example.com'), 1)
    assert.lengthOf(await maildev.sentTo('internal@example.com'), 1)
    // A portal user is no manager.
    const notStaff = await client
      .put(`/admin/customers/${customer.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: anna.id })
      .redirects(0)
    assert.property(fieldErrors(notStaff), 'managerId')
  })
})
