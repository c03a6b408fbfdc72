import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import Customer from '#models/customer'
import { tenantContext } from '#tenancy/tenant_context'
import { forgetEnabledPlugins } from '#plugins/menu'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createDocument } from '#tests/support/documents'
import { createCustomer } from '#tests/support/accounts'
import { enablePlugin } from '#core/testing'

/**
 * Extension points of core pages, filled by the fixture plugin's panel
 * (tests/fixtures/plugins/hello/components/panel.vue, props from
 * start/slots.ts: one query counting the tenant's greetings).
 */
async function addGreeting(tenantId: number, text: string) {
  await db.table('hello_greetings').insert({ tenant_id: tenantId, text, created_at: new Date() })
}

/** SQL statements the app runs while `work` runs. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = []
  const listener = (query: { sql: string }) => seen.push(query.sql)
  const clients = [db.connection().getWriteClient(), db.connection().getReadClient()]
  const unique = [...new Set(clients)]
  for (const client of unique) client.on('query', listener)
  try {
    await work()
  } finally {
    for (const client of unique) client.off('query', listener)
  }
  return seen
}

async function slotsOf(client: ApiClient, slug: string, path: string, user?: any) {
  let request = client.get(path).forTenant(slug).withInertia()
  if (user) request = request.loginAs(user)
  const page = await request
  page.assertStatus(200)
  return (page.inertiaProps as any).slots as any[]
}

test.group('Plugin slots / core pages', (group) => {
  resetWorld(group)

  test('each slot shows the panel of an enabled plugin with the props its server code computed', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    const customer = await UserFactory.for(tenant).create()
    const { customer: account, numbers } = await createCustomer(tenant, 'Acme', ['N1'], customer)
    const document = await createDocument(tenant, numbers[0].id)
    await enablePlugin(tenant, 'hello')
    await addGreeting(tenant.id, 'One')
    await addGreeting(tenant.id, 'Two')

    const home = await slotsOf(client, tenant.slug, '/', customer)
    assert.deepEqual(home, [
      {
        plugin: 'hello',
        component: 'hello/components/panel',
        props: { slot: 'portal.home', greetings: 2 },
        label: null,
      },
    ])

    const start = await slotsOf(client, tenant.slug, '/login')
    assert.deepEqual(start[0].props, { slot: 'portal.start', greetings: 2 })

    const detail = await slotsOf(client, tenant.slug, `/documents/${document.id}`, customer)
    assert.deepEqual(detail[0].props, {
      slot: 'document.detail',
      greetings: 2,
      documentId: document.id,
    })

    const dashboard = await slotsOf(client, tenant.slug, '/admin', admin)
    assert.deepEqual(dashboard[0].props, { slot: 'admin.dashboard', greetings: 2 })

    const staffCustomer = await slotsOf(
      client,
      tenant.slug,
      `/admin/customers/${account.id}`,
      admin
    )
    assert.deepEqual(staffCustomer[0].props, {
      slot: 'staff.customer',
      greetings: 2,
      customerId: account.id,
    })
    // A tab's title in the admin's language.
    assert.equal(staffCustomer[0].label, 'Begroetingen')
  })

  test('a plugin the tenant did not enable fills no slot, and costs no query', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const customer = await UserFactory.for(tenant).create()
    await addGreeting(tenant.id, 'Hidden')
    forgetEnabledPlugins(tenant.id)
    // Warm the per-process cache of enabled plugins.
    assert.deepEqual(await slotsOf(client, tenant.slug, '/', customer), [])

    const statements = await statementsDuring(() => slotsOf(client, tenant.slug, '/', customer))
    assert.isFalse(statements.some((sql) => sql.includes('hello_greetings')))
    assert.isFalse(statements.some((sql) => sql.includes('tenant_plugins')))
  })

  test("an enabled plugin's slot costs its own query only (which plugins are enabled is cached)", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const customer = await UserFactory.for(tenant).create()
    await enablePlugin(tenant, 'hello')
    await slotsOf(client, tenant.slug, '/', customer)

    const statements = await statementsDuring(() => slotsOf(client, tenant.slug, '/', customer))
    assert.lengthOf(
      statements.filter((sql) => sql.includes('hello_greetings')),
      1
    )
    assert.isFalse(statements.some((sql) => sql.includes('tenant_plugins')))
  })

  test("the staff customer page: 404 for another tenant's customer, 403 for customers", async ({
    client,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()
    const foreign = await tenantContext.run(other.id, () =>
      Customer.create({ tenantId: other.id, name: 'Elsewhere' })
    )
    const { customer: own } = await createCustomer(tenant, 'Own', ['N9'], customer)

    const seen = await client
      .get(`/admin/customers/${own.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
    seen.assertStatus(200)
    const elsewhere = await client
      .get(`/admin/customers/${foreign.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
    elsewhere.assertStatus(404)
    const refused = await client
      .get(`/admin/customers/${own.id}`)
      .forTenant(tenant.slug)
      .loginAs(customer)
    refused.assertStatus(403)
  })
})
