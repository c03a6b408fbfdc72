/** @spec DOC-5 */
import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import Label from '#models/label'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'
import { createDocument } from '#tests/support/documents'
import { fieldErrors } from '#tests/support/api_client_macros'

function send(request: ApiRequest, form: Record<string, unknown>) {
  return request.withCsrfToken().form(form).redirects(0)
}

async function labelsOnPage(client: ApiClient, tenant: Tenant, user: User, query = '') {
  const page = await client
    .get(`/documents${query}`)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withInertia()
  const props = page.inertiaProps as { documents: { title: string; labels: { name: string }[] }[] }
  return Object.fromEntries(
    props.documents.map((row) => [row.title, row.labels.map((label) => label.name)])
  )
}

test.group('Documents / labels (DOC-5)', (group) => {
  resetWorld(group)

  test('labels go on and off a selection, at most four per document, and filter the list', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
    const a = await createDocument(tenant, numbers[0].id, { title: 'A', issueDate: '2026-01-01' })
    const b = await createDocument(tenant, numbers[0].id, { title: 'B', issueDate: '2026-02-01' })

    const tooLong = await send(client.post('/labels').forTenant(tenant.slug).loginAs(user), {
      name: 'a name longer than twenty',
      color: '#ff0000',
    })
    assert.property(fieldErrors(tooLong), 'name')
    const badColour = await send(client.post('/labels').forTenant(tenant.slug).loginAs(user), {
      name: 'Paid',
      color: 'red',
    })
    assert.deepEqual(fieldErrors(badColour).color, ['The colour must be a colour like #1d4ed8.'])

    for (const name of ['Paid', 'Disputed', 'Booked', 'Q1', 'Extra']) {
      await send(client.post('/labels').forTenant(tenant.slug).loginAs(user), {
        name,
        color: '#1d4ed8',
      })
    }
    const ids = await tenantContext.run(tenant.id, async () => {
      const rows = await Label.query().orderBy('id')
      return rows.map((row) => row.id)
    })

    await send(client.post('/documents/labels').forTenant(tenant.slug).loginAs(user), {
      documentIds: [a.id, b.id],
      labelIds: [ids[0], ids[1]],
      action: 'add',
    })
    assert.deepEqual(await labelsOnPage(client, tenant, user), {
      A: ['Disputed', 'Paid'],
      B: ['Disputed', 'Paid'],
    })

    // A and B have two; three more would make five on each: refused as a whole.
    const tooMany = await send(
      client.post('/documents/labels').forTenant(tenant.slug).loginAs(user),
      {
        documentIds: [a.id],
        labelIds: [ids[2], ids[3], ids[4]],
        action: 'add',
      }
    )
    assert.match(fieldErrors(tooMany).labelIds[0], /would have more than 4 labels/)
    const afterRefusal = await labelsOnPage(client, tenant, user)
    assert.deepEqual(afterRefusal.A, ['Disputed', 'Paid'])

    await send(client.post('/documents/labels').forTenant(tenant.slug).loginAs(user), {
      documentIds: [b.id],
      labelIds: [ids[1]],
      action: 'remove',
    })
    assert.deepEqual(await labelsOnPage(client, tenant, user, `?label=${ids[1]}`), {
      A: ['Disputed', 'Paid'],
    })
  })

  test('labels are private, and only visible documents can be labelled', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const owner = await UserFactory.for(tenant).create()
    const other = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], owner)
    const theirs = await createCustomer(tenant, 'Other', ['DL2000002'], other)
    const mine = await createDocument(tenant, numbers[0].id, { title: 'Mine' })
    const foreign = await createDocument(tenant, theirs.numbers[0].id, { title: 'Foreign' })
    await send(client.post('/labels').forTenant(tenant.slug).loginAs(owner), {
      name: 'Paid',
      color: '#00aa00',
    })
    const label = await tenantContext.run(tenant.id, () => Label.firstOrFail())

    const onForeign = await send(
      client.post('/documents/labels').forTenant(tenant.slug).loginAs(owner),
      {
        documentIds: [foreign.id],
        labelIds: [label.id],
        action: 'add',
      }
    )
    assert.property(fieldErrors(onForeign), 'documentIds')

    const withOthersLabel = await send(
      client.post('/documents/labels').forTenant(tenant.slug).loginAs(other),
      {
        documentIds: [foreign.id],
        labelIds: [label.id],
        action: 'add',
      }
    )
    assert.property(fieldErrors(withOthersLabel), 'labelIds')

    await send(client.post('/documents/labels').forTenant(tenant.slug).loginAs(owner), {
      documentIds: [mine.id],
      labelIds: [label.id],
      action: 'add',
    })
    assert.deepEqual(await labelsOnPage(client, tenant, owner), { Mine: ['Paid'] })
    assert.deepEqual(await labelsOnPage(client, tenant, other), { Foreign: [] })
  })
})
