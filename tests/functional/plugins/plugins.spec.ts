/** @spec TEN-2 */
import { test } from '@japa/runner'
import TenantPlugin from '#models/tenant_plugin'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { runAce } from '#tests/support/processes'

test.group('Plugins / per-tenant enablement', (group) => {
  resetWorld(group)

  test("a plugin's routes answer 404 until the tenant enables it, then only for that tenant", async ({
    client,
    assert,
  }) => {
    const enabled = await TenantFactory.create()
    const other = await TenantFactory.create()

    const before = await client.get('/hello/greeting').forTenant(enabled.slug)
    before.assertStatus(404)

    const cli = await runAce([
      'plugin:enable',
      'hello',
      '--tenant',
      enabled.slug,
      '--settings',
      '{"greeting":"Hi ","repeat":2}',
    ])
    assert.equal(cli.code, 0, cli.stdout + cli.stderr)
    assert.include(cli.stdout, `Plugin "hello" enabled for tenant "${enabled.slug}"`)

    const after = await client.get('/hello/greeting').forTenant(enabled.slug)
    after.assertStatus(200)
    after.assertBody({ tenant: enabled.slug, greeting: 'Hi Hi ' })

    const elsewhere = await client.get('/hello/greeting').forTenant(other.slug)
    elsewhere.assertStatus(404)

    await runAce(['plugin:disable', 'hello', '--tenant', enabled.slug])
    const disabled = await client.get('/hello/greeting').forTenant(enabled.slug)
    disabled.assertStatus(404)
  }).timeout(120_000)

  test('a plugin route keeps the core access rules (auth)', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'me@example.com' }).create()
    await tenantContext.run(tenant.id, () =>
      TenantPlugin.create({ tenantId: tenant.id, pluginId: 'hello', enabled: true, settings: '{}' })
    )
    const anonymous = await client.get('/hello/me').forTenant(tenant.slug).redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', '/login')
    const loggedIn = await client.get('/hello/me').forTenant(tenant.slug).loginAs(user)
    loggedIn.assertBody({ email: 'me@example.com' })
  })

  test('settings that break the plugin schema are refused and nothing is stored', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const result = await runAce([
      'plugin:enable',
      'hello',
      '--tenant',
      tenant.slug,
      '--settings',
      '{"greeting":"","repeat":9,"colour":"red"}',
    ])
    assert.equal(result.code, 1)
    const output = result.stdout + result.stderr
    assert.include(output, 'greeting: must NOT have fewer than 1 characters')
    assert.include(output, 'repeat: must be <= 3')
    assert.include(output, 'colour: is not allowed (unknown field)')
    const rows = await tenantContext.run(tenant.id, () => TenantPlugin.query())
    assert.lengthOf(rows, 0)
  }).timeout(60_000)

  test('plugin:list shows installed plugins and their state for a tenant', async ({ assert }) => {
    const tenant = await TenantFactory.create()
    const result = await runAce(['plugin:list', '--tenant', tenant.slug])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /hello\s+│\s+1\.0\.0\s+│\s+Hello\s+│\s+no/)
  }).timeout(60_000)

  test('an invalid manifest stops the boot with a message naming the plugin and the field', async ({
    assert,
  }) => {
    const result = await runAce(['plugin:list'], {
      PLUGINS_PATHS: 'tests/fixtures/plugins,tests/fixtures/invalid_plugins/unknownfield',
    })
    assert.notEqual(result.code, 0)
    assert.include(
      result.stdout + result.stderr,
      'Plugin "unknownfield" (tests/fixtures/invalid_plugins/unknownfield/plugin.json): field "colour" is not allowed (unknown field)'
    )
  }).timeout(60_000)
})
