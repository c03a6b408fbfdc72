import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * The SPEC map (docs/spec-map.md): every feature ID of SPEC.md with the files
 * that implement and test it, found through `@spec` tags.
 *
 * A tag is a comment line in a file's module or class JSDoc (in a `.vue`
 * file, in its `<script>` block) holding `@spec` and one or more IDs, e.g.
 * ` * @spec DOC-4 DOC-5`. Only IDs follow the tag on its line.
 *
 * An ID is *planned* when its SPEC section is a plugin's (heading
 * "## Plugin `<id>`") and that plugin is not released (no plugin.json under
 * plugins/, or a version below 1.0.0): it may have no tagged code. Every other ID must have some, and every tag must name an ID
 * SPEC.md defines. This module is pure (text in, text out) apart from
 * `readSources`, `installedPlugins` and `locateSpec`, which read the checkout;
 * `node ace spec:map` writes the map, tests/unit/docs/spec_map.spec.ts checks it.
 */

/** One feature of SPEC.md: `- DOC-4 Select documents, …` under its section heading. */
export interface SpecFeature {
  id: string
  /** The feature's first clause, e.g. "Portal messages" (TEN-5). */
  title: string
  /** The heading of its section, e.g. "Documents (DOC)". */
  section: string
  /** The plugin of a `## Plugin \`<id>\`` section; none for the core. */
  plugin?: string
}

/** One `@spec` line of a source file. */
export interface SpecTag {
  /** Relative to the repository root, with forward slashes. */
  path: string
  line: number
  ids: string[]
}

/** A source file to scan: its path relative to the repository root, and its text. */
export interface SourceFile {
  path: string
  text: string
}

/** SPEC.md itself is wrong (an ID defined twice, or none at all). */
export class SpecMapError extends Error {}

const ID = /^[A-Z][A-Z0-9]*-\d+$/
const FEATURE_LINE = /^- ([A-Z][A-Z0-9]*-\d+)\s+(.*)$/
/** A comment line (JSDoc, block or line comment) whose first word is the tag. */
const TAG_LINE = /^\s*(?:\/\*\*?|\*|\/\/)\s*@spec\b(.*)$/

/**
 * The feature's first clause: up to the first colon, semicolon or full stop
 * (not an "e.g."), without the seed references (`[004]`), at most 90
 * characters.
 */
function titleOf(text: string): string {
  const plain = text.replace(/\s*\[\d{3}\]/g, '').trim()
  const end = plain.search(/(?<!\be\.g|\bi\.e)[.:;](\s|$)/)
  const clause = (end === -1 ? plain : plain.slice(0, end)).trim()
  return clause.length > 90 ? `${clause.slice(0, 89).trimEnd()}…` : clause
}

/**
 * The features SPEC.md defines, in its order. A feature is a list item that
 * starts with its ID; the lines indented under it continue its text. IDs
 * cited elsewhere ("(DOC-8)") are references, not definitions.
 */
export function parseSpec(markdown: string): SpecFeature[] {
  const features: SpecFeature[] = []
  const seen = new Map<string, number>()
  let section = ''
  let plugin: string | undefined
  let current: { feature: SpecFeature; text: string } | null = null
  const finish = () => {
    if (current) current.feature.title = titleOf(current.text)
    current = null
  }
  markdown.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd()
    const heading = /^(#{2,3})\s+(.*)$/.exec(line)
    if (heading) {
      finish()
      section = heading[2].replace(/\s*(\[\d{3}\])+\s*$/, '').trim()
      if (heading[1] === '##') plugin = /^Plugin `([a-z0-9-]+)`/.exec(section)?.[1]
      return
    }
    const item = FEATURE_LINE.exec(line)
    if (item) {
      finish()
      const [, id, text] = item
      if (seen.has(id)) {
        throw new SpecMapError(
          `SPEC.md defines ${id} twice (lines ${seen.get(id)} and ${index + 1})`
        )
      }
      seen.set(id, index + 1)
      const feature: SpecFeature = { id, title: '', section, ...(plugin ? { plugin } : {}) }
      features.push(feature)
      current = { feature, text }
      return
    }
    if (current && /^\s+\S/.test(line)) current.text += ` ${line.trim()}`
    else finish()
  })
  finish()
  if (features.length === 0) throw new SpecMapError('SPEC.md defines no feature ID')
  return features
}

/**
 * The `@spec` tags of the given files, and the lines that look like a tag but
 * are not one (no ID, or something else than IDs after `@spec`).
 */
export function scanTags(files: SourceFile[]): { tags: SpecTag[]; problems: string[] } {
  const tags: SpecTag[] = []
  const problems: string[] = []
  for (const file of files) {
    file.text.split('\n').forEach((raw, index) => {
      const match = TAG_LINE.exec(raw)
      if (!match) return
      const words = match[1]
        .replace(/\*\/\s*$/, '')
        .split(/[\s,]+/)
        .filter(Boolean)
      const where = `${file.path}:${index + 1}`
      if (words.length === 0) problems.push(`${where}: @spec names no ID`)
      else if (!words.every((word) => ID.test(word))) {
        problems.push(`${where}: @spec takes IDs only, found "${words.join(' ')}"`)
      } else tags.push({ path: file.path, line: index + 1, ids: words })
    })
  }
  return { tags, problems }
}

/** Whether an ID may have no tagged code yet: its plugin is not released (see installedPlugins). */
export function isPlanned(feature: SpecFeature, installed: Iterable<string>): boolean {
  return feature.plugin !== undefined && !new Set(installed).has(feature.plugin)
}

/**
 * What is wrong with the tags against SPEC: a tag naming an ID SPEC does not
 * define, an ID (not planned) without tagged code.
 */
export function specProblems(
  features: SpecFeature[],
  tags: SpecTag[],
  installed: Iterable<string>
): string[] {
  const problems: string[] = []
  const known = new Set(features.map((feature) => feature.id))
  const tagged = new Set<string>()
  for (const tag of tags) {
    for (const id of tag.ids) {
      if (known.has(id)) tagged.add(id)
      else problems.push(`${tag.path}:${tag.line}: @spec ${id}: SPEC.md has no ${id}`)
    }
  }
  for (const feature of features) {
    if (!tagged.has(feature.id) && !isPlanned(feature, installed)) {
      problems.push(`${feature.id} (${feature.title}): no file is tagged @spec ${feature.id}`)
    }
  }
  return problems
}

/** The kinds of file the map groups by, in the order it lists them. */
export const FILE_KINDS = [
  'routes',
  'controllers',
  'actions',
  'queries',
  'models',
  'policies',
  'validators',
  'transformers',
  'services',
  'core_api',
  'tenancy',
  'plugins',
  'jobs',
  'mails',
  'middleware',
  'commands',
  'workflows',
  'pages',
  'components',
  'layouts',
  'migrations',
  'database',
  'config',
  'tests',
  'other',
] as const
export type FileKind = (typeof FILE_KINDS)[number]

/**
 * The kind of a file by its place: `start/routes*` routes, `app/<kind>/`
 * (`app/core_api` is the `#core/*` surface, `app/plugins` the plugin host),
 * `resources/<pages|components|layouts>/`, `database/migrations/`,
 * `tests/`; a plugin's files (`plugins/<id>/…`) by the same rules inside
 * its folder.
 */
export function fileKind(path: string): FileKind {
  const inner = path.replace(/^plugins\/[^/]+\//, '')
  const kinds = new Set<string>(FILE_KINDS)
  if (/^start\/routes(\.ts|\/)/.test(inner)) return 'routes'
  if (inner.startsWith('tests/')) return 'tests'
  if (inner.startsWith('database/migrations/')) return 'migrations'
  if (inner.startsWith('database/')) return 'database'
  if (inner.startsWith('workflows/')) return 'workflows'
  if (inner.startsWith('config/')) return 'config'
  const [top, second] = inner.split('/')
  if (top === 'app' && kinds.has(second)) return second as FileKind
  if (top === 'app' && second === 'abilities') return 'policies'
  if (top === 'resources' && kinds.has(second)) return second as FileKind
  if (kinds.has(top)) return top as FileKind
  return 'other'
}

/** The rendered docs/spec-map.md (links are relative to docs/). */
export function renderSpecMap(
  features: SpecFeature[],
  tags: SpecTag[],
  installed: Iterable<string>
): string {
  const installedList = [...installed].sort()
  const filesOf = new Map<string, Set<string>>()
  for (const tag of tags) {
    for (const id of tag.ids) {
      if (!filesOf.has(id)) filesOf.set(id, new Set())
      filesOf.get(id)!.add(tag.path)
    }
  }
  const planned = features.filter((feature) => isPlanned(feature, installedList))
  const out: string[] = [
    '# SPEC map',
    '',
    '<!-- Generated by `node ace spec:map`: do not edit by hand. -->',
    '',
    'Every feature ID of SPEC.md (`../shared/SPEC.md`) with the files that implement and test it.',
    'A file names the IDs it implements in its module or class JSDoc (in a `.vue` file, in its',
    '`<script>` block) with a tag line such as `@spec DOC-4 DOC-5`; this page lists, per ID, the',
    'files carrying it, grouped by kind. After adding or moving a tag, run `node ace spec:map`;',
    'tests/unit/docs/spec_map.spec.ts fails when this page is stale, when a tag names an ID',
    'SPEC.md does not define, or when an ID has no tagged file.',
    '',
    'The IDs of a plugin\'s section of SPEC.md (heading "## Plugin `<id>`") are **planned** while',
    'that plugin is not released: no folder with a plugin.json under plugins/, or a version below',
    '1.0.0 (being built). They may have no tagged file yet; the files already tagged are listed.',
    'Once `plugins/<id>/plugin.json` says 1.0.0, its IDs need tagged code like the others.',
    '',
    `${features.length} IDs: ${features.length - planned.length} to implement now` +
      (planned.length
        ? `, ${planned.length} planned (plugins not released yet: ` +
          `${[...new Set(planned.map((feature) => `\`${feature.plugin}\``))].join(', ')}).`
        : '.'),
  ]
  let section: string | null = null
  for (const feature of features) {
    if (feature.section !== section) {
      section = feature.section
      out.push('', `## ${section}`)
    }
    const isPlannedFeature = isPlanned(feature, installedList)
    out.push('', `### ${feature.id} ${feature.title}${isPlannedFeature ? ' (planned)' : ''}`, '')
    const files = [...(filesOf.get(feature.id) ?? [])]
    if (files.length === 0) {
      out.push(
        isPlannedFeature
          ? `Planned: plugin \`${feature.plugin}\` is not released yet.`
          : 'No tagged file.'
      )
      continue
    }
    const byKind = new Map<FileKind, string[]>()
    for (const file of files) {
      const kind = fileKind(file)
      if (!byKind.has(kind)) byKind.set(kind, [])
      byKind.get(kind)!.push(file)
    }
    for (const kind of FILE_KINDS) {
      const list = byKind.get(kind)
      if (!list) continue
      const links = list.sort().map((file) => `[${file}](../${file})`)
      out.push(`- ${kind}: ${links.join(', ')}`)
    }
  }
  return `${out.join('\n')}\n`
}

/** The folders scanned for tags, relative to the repository root. */
export const SCANNED_ROOTS = [
  'app',
  'start',
  'resources',
  'workflows',
  'database',
  'config',
  'tests',
  'plugins',
]
const SCANNED_FILE = /\.(ts|vue|js|mjs)$/
const SKIPPED_FOLDER = new Set(['node_modules', 'fixtures', 'public', 'build'])

/** The source files under SCANNED_ROOTS (not node_modules, test fixtures or built assets). */
export function readSources(appRoot: string): SourceFile[] {
  const files: SourceFile[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER.has(entry.name)) walk(full)
      } else if (SCANNED_FILE.test(entry.name)) {
        files.push({
          path: relative(appRoot, full).split(sep).join('/'),
          text: readFileSync(full, 'utf8'),
        })
      }
    }
  }
  for (const root of SCANNED_ROOTS) {
    if (existsSync(join(appRoot, root))) walk(join(appRoot, root))
  }
  return files.sort((a, b) => a.path.localeCompare(b.path))
}

/**
 * The plugins under plugins/ that are released (a plugin.json with version
 * 1.0.0 or later), by folder name. A plugin at 0.x is being built: its IDs
 * stay planned until it reaches 1.0.0, so each step of it can land while the
 * map still lists what is missing.
 */
export function installedPlugins(appRoot: string): string[] {
  const root = join(appRoot, 'plugins')
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => {
      const manifest = join(root, entry.name, 'plugin.json')
      if (!entry.isDirectory() || !existsSync(manifest)) return false
      const version = String(JSON.parse(readFileSync(manifest, 'utf8')).version ?? '0')
      return Number.parseInt(version, 10) >= 1
    })
    .map((entry) => entry.name)
    .sort()
}

/**
 * Where SPEC.md is: `SPEC_PATH`, else `../shared/SPEC.md` beside the
 * repository (how the project's checkouts and CI lay it out). Null when
 * there is none (a scratch copy of the checkout, e.g. bin/check-plugin-removal.sh).
 */
export function locateSpec(appRoot: string, given = process.env.SPEC_PATH): string | null {
  const path = given ? given : join(appRoot, '..', 'shared', 'SPEC.md')
  return existsSync(path) ? path : null
}

/** Where the map is written, relative to the repository root. */
export const SPEC_MAP_PATH = 'docs/spec-map.md'

/** Everything the map and its checks need, read from a checkout and its SPEC.md. */
export function loadSpecMap(appRoot: string, specPath: string) {
  const features = parseSpec(readFileSync(specPath, 'utf8'))
  const { tags, problems: tagProblems } = scanTags(readSources(appRoot))
  const installed = installedPlugins(appRoot)
  return {
    features,
    tags,
    installed,
    problems: [...tagProblems, ...specProblems(features, tags, installed)],
    markdown: renderSpecMap(features, tags, installed),
  }
}
