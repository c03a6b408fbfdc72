/** @spec TEN-2 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import ActivityEvent from '#models/activity_event'
import { PluginService } from '#plugins/plugin_service'
import { PluginSecretStore } from '#plugins/secrets'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'

const API_KEY = 'sk-live-4f1c2a9e77d0'

function saveSettings(client: ApiClient, tenant: Tenant, admin: User, settings: object) {
  return client
    .put('/admin/plugins/hello/settings')
    .forTenant(tenant.slug)
    .loginAs(admin)
    .withCsrfToken()
    .json({ settings })
    .redirects(0)
}

async function settingsOf(tenant: Tenant) {
  const plugins = await app.container.make(PluginService)
  return tenantContext.run(tenant.id, () => plugins.settings('hello'))
}

async function apiKeyOf(tenant: Tenant) {
  const settings = await settingsOf(tenant)
  return settings.apiKey
}

test.group('Plugin secrets / a settings field marked x-secret', (group) => {
  resetWorld(group)

  test('is stored encrypted, never sent to the browser, and the form says whether it is set', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const saved = await saveSettings(client, tenant, admin, { greeting: 'Hi', apiKey: API_KEY })
    saved.assertStatus(302)

    // The plugin's server code reads it.
    assert.equal(await apiKeyOf(tenant), API_KEY)

    // Not in clear in the database.
    const [row] = await db.from('tenant_plugins').where('tenant_id', tenant.id)
    assert.notInclude(row.settings, API_KEY)
    assert.notInclude(row.secrets, API_KEY)
    assert.isNotEmpty(row.secrets)

    // Not on the page: only whether it is set.
    const page = await client
      .get('/admin/plugins')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    assert.notInclude(JSON.stringify(page.body()), API_KEY)
    const hello = (page.inertiaProps as any).plugins.find((entry: any) => entry.id === 'hello')
    const field = hello.fields.find((entry: any) => entry.path === 'apiKey')
    assert.include(field, { kind: 'secret', isSet: true })
    assert.notProperty(hello.settings, 'apiKey')

    // Not in the activity log.
    const events = await tenantContext.run(tenant.id, () =>
      ActivityEvent.query().where('type', 'plugin.settings_changed')
    )
    assert.lengthOf(events, 1)
    assert.notInclude(events[0].details!, API_KEY)
  })

  test('is kept when the form leaves it empty, replaced only when a new value is typed', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await saveSettings(client, tenant, admin, { apiKey: API_KEY })

    await saveSettings(client, tenant, admin, { greeting: 'Dag', apiKey: '' })
    assert.include(await settingsOf(tenant), { greeting: 'Dag', apiKey: API_KEY })

    await saveSettings(client, tenant, admin, { greeting: 'Dag', apiKey: 'sk-live-rotated-0001' })
    assert.equal(await apiKeyOf(tenant), 'sk-live-rotated-0001')

    // A new value that breaks the schema is refused; the stored one stays.
    const refused = await saveSettings(client, tenant, admin, { apiKey: 'short' })
    refused.assertStatus(302)
    assert.equal(await apiKeyOf(tenant), 'sk-live-rotated-0001')
  })

  test("does not decrypt for another tenant's row (values are bound to their tenant)", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const otherAdmin = await UserFactory.for(other).apply('admin').create()
    await saveSettings(client, tenant, admin, { apiKey: API_KEY })
    await saveSettings(client, other, otherAdmin, { greeting: 'Other' })
    const [source] = await db.from('tenant_plugins').where('tenant_id', tenant.id)
    await db.from('tenant_plugins').where('tenant_id', other.id).update({ secrets: source.secrets })
    assert.isUndefined(await apiKeyOf(other))
  })
})

test.group('Plugin secrets / the plugin-owned store', (group) => {
  resetWorld(group)

  test('keeps versions encrypted; rotating retires the current one, readable until removed', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const store = new PluginSecretStore('hello')

    await tenantContext.run(tenant.id, async () => {
      assert.isNull(await store.current('private_key'))
      assert.equal(await store.rotate('private_key', 'KEY-ONE'), 1)
      assert.equal(await store.rotate('private_key', 'KEY-TWO'), 2)
      assert.deepEqual(await store.current('private_key'), { version: 2, value: 'KEY-TWO' })
      assert.equal(await store.value('private_key', 1), 'KEY-ONE')
      const versions = await store.versions('private_key')
      assert.deepEqual(
        versions.map((entry) => [entry.version, entry.retiredAt !== null]),
        [
          [1, true],
          [2, false],
        ]
      )
      await store.removeRetired('private_key')
      assert.isNull(await store.value('private_key', 1))
      assert.equal((await store.current('private_key'))!.value, 'KEY-TWO')
    })

    const rows = await db.from('plugin_secrets')
    assert.isTrue(rows.every((row) => !row.value.includes('KEY-')))

    // Another tenant sees none of them.
    await tenantContext.run(other.id, async () => {
      assert.isNull(await store.current('private_key'))
    })
  })
})
