/** @spec TEN-2 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import TenantPlugin from '#models/tenant_plugin'
import ActivityEvent from '#models/activity_event'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'

function send(
  client: ApiClient,
  tenant: Tenant,
  user: User,
  method: 'put' | 'post',
  path: string,
  body = {}
) {
  return client[method](path)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .json(body)
    .redirects(0)
}

async function stored(tenant: Tenant) {
  return tenantContext.run(tenant.id, () =>
    TenantPlugin.query().where('plugin_id', 'hello').first()
  )
}

async function events(tenant: Tenant, type: string) {
  return tenantContext.run(tenant.id, () => ActivityEvent.query().where('type', type))
}

test.group('Tenant administration / Apps & integrations (TEN-2)', (group) => {
  resetWorld(group)

  test('lists the installed plugins in the admin language with a form made of the schema', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    const page = await client
      .get('/admin/plugins')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    page.assertInertiaComponent('admin/plugins')
    const hello = (page.inertiaProps as any).plugins.find((plugin: any) => plugin.id === 'hello')
    assert.equal(hello.name, 'Hallo')
    assert.equal(hello.description, 'Testplugin voor de tests van de kern.')
    assert.isFalse(hello.enabled)
    assert.deepEqual(hello.permissions, ['Begroetingen lezen', 'Begroetingen beheren'])

    const byPath = Object.fromEntries(hello.fields.map((field: any) => [field.path, field]))
    assert.include(byPath.greeting, { kind: 'text', label: 'Begroeting', maxLength: 40 })
    assert.include(byPath.repeat, { kind: 'integer', min: 1, max: 3 })
    assert.deepEqual(byPath.audience.options, [
      { value: 'everybody', label: 'Iedereen' },
      { value: 'customers', label: 'Alleen klanten' },
    ])
    assert.equal(byPath.notify.kind, 'group')
    assert.deepEqual(
      byPath.notify.fields.map((field: any) => [field.path, field.kind, field.label]),
      [
        ['notify.enabled', 'boolean', 'Dagelijks overzicht sturen'],
        ['notify.email', 'email', 'Naar adres'],
        ['notify.hour', 'integer', 'Uur'],
      ]
    )
    assert.deepEqual(hello.settings, {
      greeting: 'Hello',
      repeat: 1,
      audience: 'everybody',
      notify: { enabled: false },
    })
  })

  test('valid settings are stored with defaults and logged without their values', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const saved = await send(client, tenant, admin, 'put', '/admin/plugins/hello/settings', {
      settings: {
        greeting: 'Welkom',
        repeat: 2,
        notify: { enabled: true, email: 'ops@acme.be', hour: 7 },
      },
    })
    saved.assertStatus(302)
    assert.deepEqual(fieldErrors(saved), {})
    const row = await stored(tenant)
    assert.isFalse(row!.enabled, 'saving settings does not enable')
    assert.deepEqual(row!.settingsObject, {
      greeting: 'Welkom',
      repeat: 2,
      audience: 'everybody',
      notify: { enabled: true, email: 'ops@acme.be', hour: 7 },
    })
    const [log] = await events(tenant, 'plugin.settings_changed')
    assert.include(log.details!, 'notify.email')
    assert.notInclude(log.details!, 'ops@acme.be')
  })

  test('invalid settings: an error per field in the admin language, nothing stored', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    await send(client, tenant, admin, 'put', '/admin/plugins/hello/settings', {
      settings: { greeting: 'Dag' },
    })
    const refused = await send(client, tenant, admin, 'put', '/admin/plugins/hello/settings', {
      settings: {
        greeting: 'x'.repeat(41),
        repeat: 9,
        audience: 'aliens',
        notify: { enabled: 'yes', email: 'not-an-address', hour: 30 },
        colour: 'red',
      },
    })
    refused.assertStatus(302)
    const errors = fieldErrors(refused)
    assert.include(errors['settings.greeting'][0], 'hoogstens 40 tekens')
    assert.include(errors['settings.repeat'][0], 'hoogstens 3')
    assert.include(errors['settings.audience'][0], 'Kies een van: everybody, customers')
    assert.include(errors['settings.notify.enabled'][0], 'type boolean')
    assert.include(errors['settings.notify.email'][0], 'geen geldige email')
    assert.include(errors['settings.notify.hour'][0], 'hoogstens 23')
    assert.include(errors['settings.colour'][0], 'bestaat niet')
    assert.equal((await stored(tenant))!.settingsObject.greeting, 'Dag')

    /** A field emptied in the form falls back to the schema's default. */
    await send(client, tenant, admin, 'put', '/admin/plugins/hello/settings', {
      settings: { greeting: '', repeat: 2 },
    })
    assert.equal((await stored(tenant))!.settingsObject.greeting, 'Hello')
  })

  test("enabling and disabling from the page opens and closes the plugin's routes", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const response1 = await client.get('/hello/greeting').forTenant(tenant.slug)
    response1.assertStatus(404)

    const customer = await UserFactory.for(tenant).merge({ locale: 'fr' }).create()
    const menu = async () => {
      const page = await client.get('/').forTenant(tenant.slug).loginAs(customer).withInertia()
      return (page.inertiaProps as any).pluginMenu
    }
    assert.deepEqual(await menu(), [])

    const response2 = await send(client, tenant, admin, 'post', '/admin/plugins/hello/enable')

    response2.assertStatus(302)
    const open = await client.get('/hello/greeting').forTenant(tenant.slug)
    open.assertBody({ tenant: tenant.slug, greeting: 'Hello' })
    assert.deepEqual(await menu(), [
      { id: 'hello.greeting', label: 'Salutation', href: '/hello/greeting', area: 'portal' },
    ])

    const response3 = await send(client, tenant, admin, 'post', '/admin/plugins/hello/disable')

    response3.assertStatus(302)
    const response4 = await client.get('/hello/greeting').forTenant(tenant.slug)
    response4.assertStatus(404)
    assert.deepEqual(await menu(), [], 'the menu entry vanishes with the plugin')

    assert.lengthOf(await events(tenant, 'plugin.enabled'), 1)
    assert.lengthOf(await events(tenant, 'plugin.disabled'), 1)
  })

  test('an unknown plugin answers 404; staff and customers cannot manage plugins', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const response5 = await send(client, tenant, admin, 'post', '/admin/plugins/nope/enable')
    response5.assertStatus(404)
    for (const role of ['staff', 'customer'] as const) {
      const user = await UserFactory.for(tenant).merge({ role }).create()
      const response6 = await client.get('/admin/plugins').forTenant(tenant.slug).loginAs(user)
      response6.assertStatus(403)
      const response7 = await send(client, tenant, user, 'post', '/admin/plugins/hello/enable')
      response7.assertStatus(403)
    }
    assert.isNull(await stored(tenant))
  })
})
