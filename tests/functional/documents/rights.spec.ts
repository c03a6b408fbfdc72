/** @spec DOC-7 DOC-8 DOC-10 */
import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import Category from '#models/category'
import Document from '#models/document'
import DocumentGrant from '#models/document_grant'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer, shareNumbers } from '#tests/support/accounts'
import { createDocument } from '#tests/support/documents'
import { fieldErrors } from '#tests/support/api_client_macros'

function send(request: ApiRequest, form: Record<string, unknown> = {}) {
  return request.withCsrfToken().form(form).redirects(0)
}

async function titles(client: ApiClient, tenant: Tenant, user: User) {
  const page = await client.get('/documents').forTenant(tenant.slug).loginAs(user).withInertia()
  const props = page.inertiaProps as { documents: { title: string }[] }
  return props.documents.map((row) => row.title).sort()
}

async function status(client: ApiClient, tenant: Tenant, user: User, document: Document) {
  const response = await client
    .get(`/documents/${document.id}`)
    .forTenant(tenant.slug)
    .loginAs(user)
  return response.status()
}

/**
 * A lessor's world: Anna is main contact of DL2000001 and shares it with
 * her accountant Sam; Otto is another customer's main contact (DL2000002).
 */
async function world() {
  const tenant = await TenantFactory.create()
  const anna = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
  const sam = await UserFactory.for(tenant).merge({ email: 'sam@example.com' }).create()
  const otto = await UserFactory.for(tenant).merge({ email: 'otto@example.com' }).create()
  const staff = await UserFactory.for(tenant)
    .apply('staff')
    .merge({ firstName: 'Stef', lastName: 'Staff' })
    .create()
  const { numbers } = await createCustomer(tenant, 'Anna BV', ['DL2000001'], anna)
  const other = await createCustomer(tenant, 'Otto NV', ['DL2000002'], otto)
  await shareNumbers(tenant, anna, sam, [numbers[0]])
  return { tenant, anna, sam, otto, staff, number: numbers[0], ottoNumber: other.numbers[0] }
}

async function reload(tenant: Tenant, document: Document) {
  return tenantContext.run(tenant.id, () => Document.find(document.id))
}

test.group('Documents / rights (DOC-7, DOC-8, DOC-10)', (group) => {
  resetWorld(group)

  test('a published document: readers by customer number; update, delete and security need a right', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, sam, otto, staff, number } = await world()
    const doc = await createDocument(tenant, number.id, { title: 'Invoice' })
    const as = (user: User) => ({ tenant: tenant.slug, user })

    assert.equal(await status(client, tenant, anna, doc), 200)
    assert.equal(await status(client, tenant, sam, doc), 200)
    assert.equal(await status(client, tenant, otto, doc), 404)
    assert.equal(await status(client, tenant, staff, doc), 200)

    for (const { user } of [as(anna), as(sam)]) {
      const update = await send(
        client.put(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(user),
        {
          title: 'Changed',
        }
      )
      update.assertStatus(403)
      const remove = await send(
        client.delete(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(user)
      )
      remove.assertStatus(403)
      const grant = await send(
        client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(user),
        { subjectType: 'user', subject: 'otto@example.com', read: true }
      )
      grant.assertStatus(403)
      const classify = await send(
        client.put(`/documents/${doc.id}/category`).forTenant(tenant.slug).loginAs(user),
        { categoryId: '' }
      )
      classify.assertStatus(403)
    }
    // A stranger learns nothing: the same 404 as for a document that does not exist.
    const strangerUpdate = await send(
      client.put(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(otto),
      { title: 'Changed' }
    )
    strangerUpdate.assertStatus(404)
    assert.equal((await reload(tenant, doc))!.title, 'Invoice')
  })

  test('grants per person and per customer: read, update, delete, change security', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, sam, otto, staff, number } = await world()
    const doc = await createDocument(tenant, number.id, { title: 'Contract' })

    // Staff give Otto update + delete, Anna the right to change security.
    const toOtto = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(staff),
      { subjectType: 'user', subject: 'OTTO@example.com', read: true, update: true, delete: true }
    )
    toOtto.assertStatus(302)
    await send(client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(staff), {
      subjectType: 'user',
      subject: 'anna@example.com',
      changeSecurity: true,
    })
    assert.deepEqual(await titles(client, tenant, otto), ['Contract'])

    const renamed = await send(
      client.put(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(otto),
      {
        title: 'Contract (signed)',
      }
    )
    renamed.assertStatus(302)
    const after = (await reload(tenant, doc))!
    assert.equal(after.title, 'Contract (signed)')
    assert.equal(after.updatedById, otto.id)

    // Otto may not hand out rights; Anna may, but only to people she shares numbers with.
    const ottoGrants = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(otto),
      { subjectType: 'user', subject: 'sam@example.com', read: true }
    )
    ottoGrants.assertStatus(403)
    const outsider = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(anna),
      { subjectType: 'user', subject: 'nobody@example.com', read: true }
    )
    assert.property(fieldErrors(outsider), 'subject')
    const customerGroup = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(anna),
      { subjectType: 'customer', subject: 'DL2000002', read: true }
    )
    assert.property(fieldErrors(customerGroup), 'subject')
    const toSam = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(anna),
      { subjectType: 'user', subject: 'sam@example.com', read: true, update: true }
    )
    toSam.assertStatus(302)

    // Closing the document to its customer number: only the grants remain.
    await send(client.put(`/documents/${doc.id}/audience`).forTenant(tenant.slug).loginAs(anna), {
      audience: 'grants',
    })
    assert.equal(await status(client, tenant, sam, doc), 200)
    const grants = await tenantContext.run(tenant.id, () =>
      DocumentGrant.query().where('document_id', doc.id)
    )
    const samGrant = grants.find((grant) => grant.subjectId === sam.id)!
    await send(
      client
        .delete(`/documents/${doc.id}/grants/${samGrant.id}`)
        .forTenant(tenant.slug)
        .loginAs(anna)
    )
    assert.equal(await status(client, tenant, sam, doc), 404)
    assert.deepEqual(await titles(client, tenant, sam), [])

    const removed = await send(
      client.delete(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(otto)
    )
    removed.assertStatus(302)
    assert.isNull(await reload(tenant, doc))
  })

  test("a customer's group: its main contacts read what is granted to the customer", async ({
    client,
    assert,
  }) => {
    const { tenant, anna, otto, staff, number } = await world()
    const doc = await createDocument(tenant, number.id, { title: 'Shared with Otto NV' })
    await tenantContext.run(tenant.id, () => doc.merge({ audience: 'grants' }).save())
    assert.equal(await status(client, tenant, anna, doc), 404)

    await send(client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(staff), {
      subjectType: 'customer',
      subject: 'dl2000002',
      read: true,
    })
    assert.deepEqual(await titles(client, tenant, otto), ['Shared with Otto NV'])
    assert.equal(await status(client, tenant, anna, doc), 404)
    const unknown = await send(
      client.post(`/documents/${doc.id}/grants`).forTenant(tenant.slug).loginAs(staff),
      { subjectType: 'customer', subject: 'DL9999999', read: true }
    )
    assert.property(fieldErrors(unknown), 'subject')
  })

  test('category rights reach documents classified from then on, not before, and are not taken back', async ({
    client,
    assert,
  }) => {
    const { tenant, otto, staff, number } = await world()
    const category = await tenantContext.run(tenant.id, () =>
      Category.create({ tenantId: tenant.id, name: 'Contracts' })
    )
    const before = await createDocument(tenant, number.id, { title: 'Classified before' })
    const afterwards = await createDocument(tenant, number.id, { title: 'Classified after' })
    await send(
      client.put(`/documents/${before.id}/category`).forTenant(tenant.slug).loginAs(staff),
      {
        categoryId: category.id,
      }
    )

    const grant = await send(
      client.post(`/admin/categories/${category.id}/grants`).forTenant(tenant.slug).loginAs(staff),
      { subjectType: 'user', subject: 'otto@example.com', read: true }
    )
    grant.assertStatus(302)
    assert.deepEqual(await titles(client, tenant, otto), [])

    await send(
      client.put(`/documents/${afterwards.id}/category`).forTenant(tenant.slug).loginAs(staff),
      {
        categoryId: category.id,
      }
    )
    assert.deepEqual(await titles(client, tenant, otto), ['Classified after'])

    // Taking the right off the category later leaves the document's own rights alone.
    const categoryGrants = await client
      .get('/admin/categories')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const props = categoryGrants.inertiaProps as { categories: { grants: { id: number }[] }[] }
    await send(
      client
        .delete(`/admin/categories/${category.id}/grants/${props.categories[0].grants[0].id}`)
        .forTenant(tenant.slug)
        .loginAs(staff)
    )
    assert.deepEqual(await titles(client, tenant, otto), ['Classified after'])

    // Only staff classify; the category shows to the customer at once.
    const byCustomer = await send(
      client.put(`/documents/${before.id}/category`).forTenant(tenant.slug).loginAs(otto),
      { categoryId: '' }
    )
    assert.oneOf(byCustomer.status(), [403, 404])
    const page = await client.get('/documents').forTenant(tenant.slug).loginAs(otto).withInertia()
    assert.equal(
      (page.inertiaProps as { documents: { category: string | null }[] }).documents[0].category,
      'Contracts'
    )
    const portalUserOnAdmin = await client
      .get('/admin/categories')
      .forTenant(tenant.slug)
      .loginAs(otto)
    portalUserOnAdmin.assertStatus(403)
  })

  test('the detail page shows who created and last updated a document, and what the user may do', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, staff, number } = await world()
    const doc = await createDocument(tenant, number.id, { title: 'Audit me' })
    await send(client.put(`/documents/${doc.id}`).forTenant(tenant.slug).loginAs(staff), {
      title: 'Audited',
    })
    const page = await client
      .get(`/documents/${doc.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const props = page.inertiaProps as {
      document: { updatedBy: string | null; title: string }
      rights: Record<string, boolean>
    }
    assert.equal(props.document.title, 'Audited')
    assert.equal(props.document.updatedBy, 'Stef Staff')
    assert.deepEqual(props.rights, {
      update: true,
      delete: true,
      changeSecurity: true,
      classify: true,
    })

    const customer = await client
      .get(`/documents/${doc.id}`)
      .forTenant(tenant.slug)
      .loginAs(anna)
      .withInertia()
    assert.deepEqual((customer.inertiaProps as { rights: Record<string, boolean> }).rights, {
      update: false,
      delete: false,
      changeSecurity: false,
      classify: false,
    })
  })
})
