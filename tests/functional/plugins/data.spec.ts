import { test } from '@japa/runner'
import { readFileSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import db from '@adonisjs/lucid/services/db'
import TenantPlugin from '#models/tenant_plugin'
import Tenant from '#models/tenant'
import { PLUGIN_DEMO_FILE, seedPlugins } from '#plugins/data'
import { appRoot } from '#plugins/paths'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { runAce } from '#tests/support/processes'
import { coreServices } from '#plugins/services'

/**
 * A plugin's data (tests/fixtures/plugins/hello): its migrations and table
 * `hello_greetings`, its demo data, and `plugin:purge`.
 */
async function greetings(tenant: { id: number }): Promise<string[]> {
  const rows = await db.from('hello_greetings').where('tenant_id', tenant.id).orderBy('id')
  return rows.map((row) => row.text)
}

async function addGreeting(tenant: { id: number }, text: string) {
  await db.table('hello_greetings').insert({ tenant_id: tenant.id, text, created_at: new Date() })
}

test.group('Plugin data / migrations and schema classes', () => {
  test("a plugin's tables come from its own migrations; its schema classes live in its folder, not in the core's", async ({
    assert,
  }) => {
    const tables = await db.connection().getAllTables(['public'])
    assert.include(tables, 'hello_greetings')
    const core = readFileSync(`${appRoot}/database/schema.ts`, 'utf8')
    assert.notInclude(core, 'HelloGreeting')
    const own = readFileSync(`${appRoot}/tests/fixtures/plugins/hello/database/schema.ts`, 'utf8')
    assert.include(own, 'export class HelloGreetingSchema')
  })
})

test.group('Plugin data / demo data', (group) => {
  resetWorld(group)

  test('the seeder hook enables installed plugins on the demo tenant and adds their demo data, once', async ({
    assert,
  }) => {
    const demo = await TenantFactory.create()
    await seedPlugins(demo.slug)
    await seedPlugins(demo.slug)

    const state = await tenantContext.run(demo.id, () =>
      TenantPlugin.query().where('plugin_id', 'hello').firstOrFail()
    )
    assert.isTrue(state.enabled)
    assert.deepEqual(await greetings(demo), ['Welcome to the demo'])

    // The plugin's own demo tenant, with the plugin enabled there.
    const own = await tenantContext.runUnscoped('test', () =>
      Tenant.findByOrFail('slug', 'hello-demo')
    )
    assert.equal(own.defaultLocale, 'fr')
    assert.deepEqual(await greetings(own), ['Bienvenue'])
    const ownState = await tenantContext.run(own.id, () =>
      TenantPlugin.query().where('plugin_id', 'hello').firstOrFail()
    )
    assert.isTrue(ownState.enabled)

    // Its logins and customer, once, in its own tenant only; listed for `npm start`.
    const people = await db.from('users').where('tenant_id', own.id).orderBy('email')
    assert.deepEqual(
      people.map((row) => [row.email, row.role]),
      [
        ['admin@hello.example', 'admin'],
        ['client@hello.example', 'customer'],
      ]
    )
    assert.lengthOf(await db.from('users').where('email', 'admin@hello.example'), 1)
    const numbers = await db.from('customer_numbers').where('tenant_id', own.id)
    assert.deepEqual(
      numbers.map((row) => [row.number, row.main_contact_id]),
      [['H-0001', people[1].id]]
    )
    const listed = JSON.parse(readFileSync(`${appRoot}/${PLUGIN_DEMO_FILE}`, 'utf8'))
    assert.deepInclude(listed.tenants, { id: own.id, slug: 'hello-demo', name: own.name })
    assert.deepInclude(
      listed.logins.map((row: { tenant: string; email: string }) => [row.tenant, row.email]),
      ['hello-demo', 'client@hello.example']
    )
  })

  test('a plugin the demo tenant disabled stays disabled at the next start', async ({ assert }) => {
    const demo = await TenantFactory.create()
    await tenantContext.run(demo.id, () =>
      TenantPlugin.create({ tenantId: demo.id, pluginId: 'hello', enabled: false, settings: '{}' })
    )
    await seedPlugins(demo.slug)
    const state = await tenantContext.run(demo.id, () =>
      TenantPlugin.query().where('plugin_id', 'hello').firstOrFail()
    )
    assert.isFalse(state.enabled)
  })
})

test.group('Plugin data / plugin:purge', (group) => {
  resetWorld(group)
  // --all drops the plugin's tables: migrate them back for the other tests.
  group.teardown(async () => {
    await runAce(['migration:run', '--force'])
  })

  test("--tenant deletes that tenant's rows and settings of the plugin, nobody else's", async ({
    assert,
  }) => {
    const first = await TenantFactory.create()
    const second = await TenantFactory.create()
    for (const tenant of [first, second]) {
      await tenantContext.run(tenant.id, () =>
        TenantPlugin.create({
          tenantId: tenant.id,
          pluginId: 'hello',
          enabled: true,
          settings: '{}',
        })
      )
      await addGreeting(tenant, `Hi ${tenant.slug}`)
    }

    // Files of the plugin too (its purge module deletes them).
    const services = coreServices('hello')
    await services.drive.put(first.id, 'notes/a.txt', 'first')
    await services.drive.put(second.id, 'notes/a.txt', 'second')

    const result = await runAce(['plugin:purge', 'hello', '--tenant', first.slug, '--force'])
    assert.equal(result.code, 0, result.stdout + result.stderr)
    assert.include(result.stdout, `Plugin "hello": 1 row(s) of tenant "${first.slug}" deleted`)

    assert.deepEqual(await greetings(first), [])
    assert.deepEqual(await greetings(second), [`Hi ${second.slug}`])
    assert.isFalse(await services.drive.exists(first.id, 'notes/a.txt'))
    assert.isTrue(await services.drive.exists(second.id, 'notes/a.txt'))
    const states = await db.from('tenant_plugins').where('plugin_id', 'hello').select('tenant_id')
    assert.deepEqual(
      states.map((row) => row.tenant_id),
      [second.id]
    )
  }).timeout(60_000)

  test('without --tenant or --all, or for an unknown tenant, nothing is deleted', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await addGreeting(tenant, 'Kept')
    const neither = await runAce(['plugin:purge', 'hello', '--force'])
    assert.equal(neither.code, 1)
    assert.include(neither.stdout + neither.stderr, 'Give either --tenant <slug> or --all')
    const unknown = await runAce(['plugin:purge', 'hello', '--tenant', 'nope', '--force'])
    assert.equal(unknown.code, 1)
    assert.include(unknown.stdout + unknown.stderr, 'No tenant "nope"')
    assert.deepEqual(await greetings(tenant), ['Kept'])
  }).timeout(60_000)

  test('--all drops the tables and forgets the migrations; migration:status works without the plugin, migration:run brings it back', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await addGreeting(tenant, 'Gone')

    const purged = await runAce(['plugin:purge', 'hello', '--all', '--force'])
    assert.equal(purged.code, 0, purged.stdout + purged.stderr)
    assert.include(purged.stdout, 'tables dropped: hello_greetings')
    assert.notInclude(await db.connection().getAllTables(['public']), 'hello_greetings')
    const records = await db
      .from('adonis_schema')
      .whereLike('name', '%/hello/database/migrations/%')
    assert.lengthOf(records, 0)

    // As after `rm -r` of the plugin's folder: the core's status is clean.
    const status = await runAce(['migration:status'], { PLUGINS_PATHS: 'plugins' })
    assert.equal(status.code, 0, status.stdout + status.stderr)
    assert.notInclude(status.stdout, 'hello')
    assert.notInclude(status.stdout, 'corrupt')

    const again = await runAce(['migration:run', '--force'])
    assert.equal(again.code, 0, again.stdout + again.stderr)
    assert.include(await db.connection().getAllTables(['public']), 'hello_greetings')
  }).timeout(120_000)
})

test.group('Plugin data / a failing migration', () => {
  test('is rolled back and named with its plugin; the core migrations before it stand', async ({
    assert,
  }) => {
    const file = `${appRoot}/tmp/failing-plugin-migration.sqlite3`
    rmSync(file, { force: true })
    const result = await runAce(['migration:run', '--force', '--compact-output'], {
      DB_CONNECTION: 'sqlite',
      SQLITE_PATH: file,
      PLUGINS_PATHS: 'plugins,tests/fixtures/invalid_plugins/badmigration',
    })
    assert.equal(result.code, 1)
    assert.include(
      result.stdout + result.stderr,
      '[ error ] tests/fixtures/invalid_plugins/badmigration/database/migrations/0001_create_badmigration_things'
    )
    const database = new DatabaseSync(file, { readOnly: true })
    try {
      const tables = (
        database.prepare("select name from sqlite_master where type = 'table'").all() as {
          name: string
        }[]
      ).map((row) => row.name)
      assert.includeMembers(tables, ['tenants', 'users', 'documents', 'tenant_plugins'])
      assert.notInclude(tables, 'badmigration_things')
    } finally {
      database.close()
      rmSync(file, { force: true })
      rmSync(`${file}-wal`, { force: true })
      rmSync(`${file}-shm`, { force: true })
    }
  }).timeout(120_000)
})
