import { test } from '@japa/runner'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appRoot } from '#plugins/paths'
import {
  fileKind,
  installedPlugins,
  loadSpecMap,
  locateSpec,
  parseSpec,
  renderSpecMap,
  scanTags,
  SPEC_MAP_PATH,
  SpecMapError,
  specProblems,
} from '#services/spec_map'

/**
 * The SPEC map: a reader looking for a feature of SPEC.md finds its code and
 * tests in docs/spec-map.md, which `node ace spec:map` writes from the
 * `@spec` tags (app/services/spec_map.ts has the rules).
 *
 * The checks of this checkout need SPEC.md (../shared/SPEC.md beside the
 * repository, or SPEC_PATH); a scratch copy without it (bin/check-plugin-removal.sh)
 * skips them, and the parser's own tests still run.
 */
const specPath = locateSpec(appRoot)
const NO_SPEC = 'no SPEC.md beside this checkout (../shared/SPEC.md, or SPEC_PATH)'

let loaded: ReturnType<typeof loadSpecMap> | undefined
function checkout() {
  loaded ??= loadSpecMap(appRoot, specPath!)
  return loaded
}

/** The first line where two texts differ, to say where the page is stale. */
function firstDifference(current: string, expected: string): string {
  const a = current.split('\n')
  const b = expected.split('\n')
  const index = a.findIndex((line, i) => line !== b[i])
  const at = index === -1 ? a.length : index
  return `line ${at + 1}: found "${a[at] ?? '(end)'}", expected "${b[at] ?? '(end)'}"`
}

test.group('Docs / SPEC map of this checkout', () => {
  test('every ID of SPEC.md (not planned) has tagged code', ({ assert }) => {
    const missing = checkout().problems.filter((problem) => problem.includes('no file is tagged'))
    assert.deepEqual(missing, [])
  }).skip(!specPath, NO_SPEC)

  test('every @spec tag names IDs that SPEC.md defines', ({ assert }) => {
    const wrong = checkout().problems.filter((problem) => !problem.includes('no file is tagged'))
    assert.deepEqual(wrong, [])
  }).skip(!specPath, NO_SPEC)

  test('docs/spec-map.md is what `node ace spec:map` writes now', ({ assert }) => {
    const current = readFileSync(join(appRoot, SPEC_MAP_PATH), 'utf8')
    const expected = checkout().markdown
    assert.isTrue(
      current === expected,
      `${SPEC_MAP_PATH} is stale (${firstDifference(current, expected)}): run node ace spec:map`
    )
  }).skip(!specPath, NO_SPEC)
})

/** A SPEC in the shape of the real one: a core section, a plugin's, a reference. */
const SAMPLE_SPEC = [
  '# Spec',
  '',
  '## Core',
  '',
  '### Documents (DOC)',
  '- DOC-1 Documents kept 7 years; always available [000].',
  '- DOC-2 Labels: a user defines labels (name up to 20 characters, a colour) and puts',
  '  1 to 4 on documents [000].',
  '',
  '## Plugin `vault` (VAULT) [002]',
  '- VAULT-1 Seat limit per licence, e.g. 50 logins (DOC-1).',
].join('\n')

const file = (path: string, ...lines: string[]) => ({ path, text: lines.join('\n') })

test.group('Docs / SPEC map: parsing and checks', () => {
  test('SPEC.md: each ID with its first clause, its section and its plugin', ({ assert }) => {
    assert.deepEqual(parseSpec(SAMPLE_SPEC), [
      { id: 'DOC-1', title: 'Documents kept 7 years', section: 'Documents (DOC)' },
      { id: 'DOC-2', title: 'Labels', section: 'Documents (DOC)' },
      {
        id: 'VAULT-1',
        title: 'Seat limit per licence, e.g. 50 logins (DOC-1)',
        section: 'Plugin `vault` (VAULT)',
        plugin: 'vault',
      },
    ])
  })

  test('an ID defined twice in SPEC.md is refused with both lines', ({ assert }) => {
    const twice = `${SAMPLE_SPEC}\n- DOC-2 Labels again.`
    assert.throws(
      () => parseSpec(twice),
      SpecMapError,
      'SPEC.md defines DOC-2 twice (lines 7 and 12)'
    )
    assert.throws(() => parseSpec('# Nothing here'), SpecMapError, 'SPEC.md defines no feature ID')
  })

  test('tags: one or several IDs on a JSDoc, block or line comment', ({ assert }) => {
    const { tags, problems } = scanTags([
      file('app/a.ts', '/**', ' * Labels.', ' *', ' * @spec DOC-1 DOC-2', ' */'),
      file('resources/pages/b.vue', '<script setup lang="ts">', '/** @spec DOC-2 */', '</script>'),
      file('tests/c.spec.ts', '// @spec DOC-1, DOC-2'),
      file('app/d.ts', "const text = ' * @spec DOC-9'", ' * see `@spec DOC-9` in the docs'),
    ])
    assert.deepEqual(problems, [])
    assert.deepEqual(tags, [
      { path: 'app/a.ts', line: 4, ids: ['DOC-1', 'DOC-2'] },
      { path: 'resources/pages/b.vue', line: 2, ids: ['DOC-2'] },
      { path: 'tests/c.spec.ts', line: 1, ids: ['DOC-1', 'DOC-2'] },
    ])
  })

  test('a tag with no ID or with other words than IDs is a problem', ({ assert }) => {
    const { tags, problems } = scanTags([
      file('app/a.ts', '/**', ' * @spec', ' */'),
      file('app/b.ts', '/** @spec DOC-1 (the list) */'),
    ])
    assert.deepEqual(tags, [])
    assert.deepEqual(problems, [
      'app/a.ts:2: @spec names no ID',
      'app/b.ts:1: @spec takes IDs only, found "DOC-1 (the list)"',
    ])
  })

  test('a tag naming an ID SPEC.md does not define is a problem', ({ assert }) => {
    const features = parseSpec(SAMPLE_SPEC)
    const { tags } = scanTags([
      file('app/a.ts', '/** @spec DOC-1 DOC-2 */'),
      file('app/b.ts', '/** @spec DOC-3 */'),
    ])
    assert.deepEqual(specProblems(features, tags, []), [
      'app/b.ts:1: @spec DOC-3: SPEC.md has no DOC-3',
    ])
  })

  test('an ID without tagged code is a problem, unless its plugin is not installed (planned)', ({
    assert,
  }) => {
    const features = parseSpec(SAMPLE_SPEC)
    const { tags } = scanTags([file('app/a.ts', '/** @spec DOC-1 */')])
    assert.deepEqual(specProblems(features, tags, []), [
      'DOC-2 (Labels): no file is tagged @spec DOC-2',
    ])
    assert.deepEqual(specProblems(features, tags, ['vault']), [
      'DOC-2 (Labels): no file is tagged @spec DOC-2',
      'VAULT-1 (Seat limit per licence, e.g. 50 logins (DOC-1)): no file is tagged @spec VAULT-1',
    ])
  })

  test('a plugin counts as released (its IDs need code) from version 1.0.0 on', ({ assert }) => {
    const root = mkdtempSync(join(tmpdir(), 'spec-map-'))
    try {
      const plugin = (id: string, version: string) => {
        mkdirSync(join(root, 'plugins', id), { recursive: true })
        writeFileSync(join(root, 'plugins', id, 'plugin.json'), JSON.stringify({ id, version }))
      }
      plugin('vault', '1.0.0')
      plugin('utility', '0.1.0')
      mkdirSync(join(root, 'plugins', 'notes'))
      assert.deepEqual(installedPlugins(root), ['vault'])
      plugin('utility', '1.2.0')
      assert.deepEqual(installedPlugins(root), ['utility', 'vault'])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  test('the page: IDs by section, their files by kind, planned ones marked', ({ assert }) => {
    const features = parseSpec(SAMPLE_SPEC)
    const { tags } = scanTags([
      file('tests/functional/labels.spec.ts', '/** @spec DOC-2 */'),
      file('start/routes/documents.ts', '/** @spec DOC-1 DOC-2 */'),
      file('app/controllers/labels_controller.ts', '/** @spec DOC-2 */'),
    ])
    const page = renderSpecMap(features, tags, [])
    assert.include(
      page,
      [
        '## Documents (DOC)',
        '',
        '### DOC-1 Documents kept 7 years',
        '',
        '- routes: [start/routes/documents.ts](../start/routes/documents.ts)',
        '',
        '### DOC-2 Labels',
        '',
        '- routes: [start/routes/documents.ts](../start/routes/documents.ts)',
        '- controllers: [app/controllers/labels_controller.ts](../app/controllers/labels_controller.ts)',
        '- tests: [tests/functional/labels.spec.ts](../tests/functional/labels.spec.ts)',
        '',
        '## Plugin `vault` (VAULT)',
        '',
        '### VAULT-1 Seat limit per licence, e.g. 50 logins (DOC-1) (planned)',
        '',
        'Planned: plugin `vault` is not released yet.',
        '',
      ].join('\n')
    )
    assert.include(page, '3 IDs: 2 to implement now, 1 planned')
  })

  test('file kinds by place, for the core and inside a plugin', ({ assert }) => {
    assert.equal(fileKind('start/routes.ts'), 'routes')
    assert.equal(fileKind('start/routes/documents.ts'), 'routes')
    assert.equal(fileKind('app/controllers/documents/downloads_controller.ts'), 'controllers')
    assert.equal(fileKind('app/abilities/main.ts'), 'policies')
    assert.equal(fileKind('resources/pages/portal/downloads.vue'), 'pages')
    assert.equal(fileKind('database/migrations/0014_create_downloads.ts'), 'migrations')
    assert.equal(fileKind('database/demo_documents.ts'), 'database')
    assert.equal(fileKind('tests/unit/documents/zip_writer.spec.ts'), 'tests')
    assert.equal(fileKind('plugins/leasing/start/routes.ts'), 'routes')
    assert.equal(fileKind('plugins/leasing/pages/invoices.vue'), 'pages')
    assert.equal(fileKind('plugins/leasing/database/migrations/0001_invoices.ts'), 'migrations')
    assert.equal(fileKind('app/core_api/documents.ts'), 'core_api')
    assert.equal(fileKind('app/tenancy/tenant_context.ts'), 'tenancy')
    assert.equal(fileKind('app/exceptions/handler.ts'), 'other')
  })
})
