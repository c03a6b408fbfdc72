import { test } from '@japa/runner'
import { join } from 'node:path'
import { appRoot } from '#plugins/paths'
import { loadPlugin, PluginManifestError, PluginRegistry } from '#plugins/registry'

const invalid = (name: string) => join(appRoot, 'tests/fixtures/invalid_plugins', name)
const valid = (name: string) => join(appRoot, 'tests/fixtures/plugins', name)

function errorOf(folder: string): PluginManifestError {
  try {
    loadPlugin(folder)
  } catch (error) {
    if (error instanceof PluginManifestError) return error
    throw error
  }
  throw new Error(`${folder} loaded without error`)
}

test.group('Plugin manifests', () => {
  test('a valid manifest loads with its menu, permissions and settings schema', ({ assert }) => {
    const plugin = loadPlugin(valid('hello'))
    assert.equal(plugin.id, 'hello')
    assert.equal(plugin.manifest.name.fr, 'Bonjour')
    assert.deepEqual(
      plugin.manifest.permissions?.map((permission) => permission.id),
      ['hello.greetings:read', 'hello.greetings:manage']
    )
  })

  test('{name} is refused, naming the plugin and the field')
    .with([
      { name: 'missingfr', field: 'name.fr', reason: 'is required' },
      { name: 'unknownfield', field: 'colour', reason: 'not allowed' },
      { name: 'badpermission', field: 'permissions.0.id', reason: 'must match pattern' },
      { name: 'wrongcore', field: 'core', reason: 'asks for core ^9.0.0' },
      { name: 'idmismatch', field: 'id', reason: 'must equal the folder name' },
      { name: 'badsettings', field: 'settings', reason: 'not a valid JSON schema' },
      { name: 'notjson', field: '(file)', reason: 'not valid JSON' },
      {
        name: 'foreignpermission',
        field: 'permissions.0.id',
        reason: '"vault.dossiers:read" must start with "foreignpermission."',
      },
      {
        name: 'foreigntemplate',
        field: 'mailTemplates.0.name',
        reason: '"vault_welcome" must start with "foreigntemplate_"',
      },
      {
        name: 'badschedule',
        field: 'schedules.0.cron',
        reason: '"0 25 * * *" is not a valid cron spec',
      },
      {
        name: 'missingpage',
        field: 'slots.0.component',
        reason: 'names a missing file components/card.vue',
      },
      {
        name: 'missingtext',
        field: 'save',
        reason: 'is missing (present in lang/nl/ui.json)',
        file: 'lang/fr/ui.json',
      },
    ])
    .run(({ assert }, { name, field, reason, ...rest }) => {
      const error = errorOf(invalid(name))
      const file = 'file' in rest ? rest.file : 'plugin.json'
      assert.equal(error.field, field)
      assert.include(error.message, `Plugin "${name}"`)
      assert.include(error.message, `tests/fixtures/invalid_plugins/${name}/${file}`)
      assert.include(error.message, `field "${field}"`)
      assert.include(error.message, reason)
    })

  test('the registry refuses the whole set when one manifest is invalid', ({ assert }) => {
    assert.throws(
      () => PluginRegistry.load([valid('hello'), invalid('unknownfield')]),
      /Plugin "unknownfield".*field "colour"/
    )
  })

  test('settings are validated against the plugin schema, defaults filled in', ({ assert }) => {
    const plugin = loadPlugin(valid('hello'))

    const ok = plugin.validateSettings({ greeting: 'Hi' })
    assert.isTrue(ok.valid)
    assert.deepEqual(ok.valid && ok.value, {
      greeting: 'Hi',
      repeat: 1,
      audience: 'everybody',
      notify: { enabled: false },
    })

    const bad = plugin.validateSettings({
      greeting: '',
      repeat: 7,
      audience: 'aliens',
      extra: true,
    })
    assert.isFalse(bad.valid)
    const fields = bad.valid ? [] : bad.errors.map((error) => error.field).sort()
    assert.deepEqual(fields, ['audience', 'extra', 'greeting', 'repeat'])
  })
})
