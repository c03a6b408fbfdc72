import { test } from '@japa/runner'
import type Tenant from '#models/tenant'
import TenantPlugin from '#models/tenant_plugin'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'

/**
 * The plugin contract as the fixture plugin (tests/fixtures/plugins/hello)
 * uses it: pages, translations, permissions and the four route areas.
 */
async function enableHello(tenant: Tenant, settings = '{}') {
  await tenantContext.run(tenant.id, () =>
    TenantPlugin.create({ tenantId: tenant.id, pluginId: 'hello', enabled: true, settings })
  )
}

test.group('Plugin contract / pages and translations', (group) => {
  resetWorld(group)

  test("a plugin page renders as Inertia page '<id>/<path>' with its texts in the user's language", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enableHello(tenant, '{"greeting":"Salut"}')
    const user = await UserFactory.for(tenant)
      .merge({ locale: 'fr', firstName: 'Anne', lastName: 'Martin' })
      .create()

    const page = await client.get('/hello/page').forTenant(tenant.slug).loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('hello/greeting')
    assert.deepEqual(page.inertiaProps.greeting, 'Salut')
    assert.deepEqual(page.inertiaProps.name, 'Anne Martin')
    const messages = (page.inertiaProps as any).messages as Record<string, string>
    assert.equal(messages['hello.title'], 'Salutations')
    assert.equal(messages['hello.intro'], '{greeting}, {name} !')
    // The core's texts are still there beside the plugin's.
    assert.isString(messages['layout.home'])
  })

  test('server-side texts of a plugin are read under its namespace, in the request language', async ({
    client,
  }) => {
    const tenant = await TenantFactory.create()
    await enableHello(tenant)
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    const response = await client.get('/admin/hello/overview').forTenant(tenant.slug).loginAs(admin)
    response.assertStatus(200)
    response.assertBody({ message: 'Begroeting bewaard' })
  })
})

test.group('Plugin contract / permissions', (group) => {
  resetWorld(group)

  test('a manifest permission is held by the roles it names, and refused (403) to the others', async ({
    client,
  }) => {
    const tenant = await TenantFactory.create()
    await enableHello(tenant)
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()

    // hello.greetings:manage: admin only.
    const forAdmin = await client.get('/admin/hello/overview').forTenant(tenant.slug).loginAs(admin)
    forAdmin.assertStatus(200)
    const forStaff = await client.get('/admin/hello/overview').forTenant(tenant.slug).loginAs(staff)
    forStaff.assertStatus(403)
    const forCustomer = await client
      .get('/admin/hello/overview')
      .forTenant(tenant.slug)
      .loginAs(customer)
    forCustomer.assertStatus(403)

    // hello.greetings:read: all three roles.
    for (const user of [admin, staff, customer]) {
      const page = await client
        .get('/hello/page')
        .forTenant(tenant.slug)
        .loginAs(user)
        .withInertia()
      page.assertStatus(200)
    }
  })
})
