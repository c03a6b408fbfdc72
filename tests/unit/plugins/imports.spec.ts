import { test } from '@japa/runner'
import { ESLint } from 'eslint'
import { appRoot } from '#plugins/paths'

/**
 * The lint rule `npm test` runs: a plugin reaches the core through `#core/*`
 * (server) and `@kit` (pages) only, so the core can change its internals.
 */
async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: appRoot })
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages
    .filter((message) =>
      ['no-restricted-imports', 'portal/plugin-boundary'].includes(message.ruleId ?? '')
    )
    .map((message) => message.message)
}

test.group('Plugins / imports', () => {
  test('a plugin importing a core internal fails lint; #core/* passes', async ({ assert }) => {
    const refused = await lint(
      'tests/fixtures/plugins/hello/start/routes.ts',
      "import User from '#models/user'\nexport default User\n"
    )
    assert.lengthOf(refused, 1)
    assert.include(refused[0], '#core/* only')

    const allowed = await lint(
      'tests/fixtures/plugins/hello/start/routes.ts',
      "import { PluginService } from '#core/plugins'\nexport default PluginService\n"
    )
    assert.deepEqual(allowed, [])
  }).timeout(60_000)

  test("a relative import out of the plugin's folder (the core, another plugin) fails lint", async ({
    assert,
  }) => {
    const file = 'tests/fixtures/plugins/hello/start/routes.ts'
    const intoCore = await lint(
      file,
      "import x from '../../../../../app/models/user.js'\nexport default x\n"
    )
    assert.lengthOf(intoCore, 1)
    assert.include(intoCore[0], "leaves the plugin's folder")
    const intoOther = await lint(file, "export * from '../../vault/start/routes.js'\n")
    assert.lengthOf(intoOther, 1)
    const own = await lint(
      file,
      "import Greeting from '../app/models/greeting.js'\nexport default Greeting\n"
    )
    assert.deepEqual(own, [])
  }).timeout(60_000)

  test("a plugin page importing the core's files directly fails lint; @kit passes", async ({
    assert,
  }) => {
    const refused = await lint(
      'tests/fixtures/plugins/hello/pages/greeting.vue',
      '<script setup lang="ts">\nimport PortalLayout from \'~/layouts/portal_layout.vue\'\n</script>\n<template><PortalLayout /></template>\n'
    )
    assert.lengthOf(refused, 1)
    assert.include(refused[0], '@kit only')

    const allowed = await lint(
      'tests/fixtures/plugins/hello/pages/greeting.vue',
      '<script setup lang="ts">\nimport { PortalLayout } from \'@kit\'\n</script>\n<template><PortalLayout /></template>\n'
    )
    assert.deepEqual(allowed, [])
  }).timeout(60_000)
})
