import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { CronExpressionParser } from 'cron-parser'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import semver from 'semver'
import { manifestSchema } from '#plugins/manifest_schema'
import { appRoot, moduleFile, pluginFolders } from '#plugins/paths'
import { LOCALES } from '#services/locale'

type Localized = { en: string; nl: string; fr: string }

/**
 * The parsed `plugin.json` of a plugin (see manifest_schema.ts).
 */
export interface PluginManifest {
  id: string
  version: string
  name: Localized
  description: Localized
  core: string
  permissions?: {
    id: string
    description: Localized
    roles?: ('admin' | 'staff' | 'customer')[]
  }[]
  menu?: {
    id: string
    label: Localized
    path: string
    area: 'portal' | 'admin'
    roles?: ('admin' | 'staff' | 'customer')[]
  }[]
  settings?: Record<string, unknown>
  mailTemplates?: { name: string; variables: Record<string, string | number> }[]
  schedules?: { id: string; workflow: string; cron: string; input?: Record<string, unknown> }[]
  slots?: { slot: SlotName; component: string; props?: string; label?: Localized }[]
  entry?: {
    routes?: string
    migrations?: string
    workflows?: string
    activities?: string
    jobs?: string
    pages?: string
    lang?: string
    seeder?: string
    purge?: string
    openapi?: string
  }
}

/** The extension points of core pages (see app/plugins/slots.ts). */
export type SlotName =
  'portal.home' | 'portal.start' | 'document.detail' | 'admin.dashboard' | 'staff.customer'

/**
 * One field that failed validation: `field` is a dotted path (`name.fr`).
 */
export interface FieldError {
  field: string
  message: string
  keyword: string
  params: Record<string, unknown>
}

/**
 * A plugin whose manifest passed validation.
 */
export interface LoadedPlugin {
  id: string
  folder: string
  manifest: PluginManifest
  /** Validates a tenant's settings object; fills in defaults on success. */
  validateSettings(
    settings: unknown
  ): { valid: true; value: Record<string, unknown> } | { valid: false; errors: FieldError[] }
}

/**
 * Raised at boot when a plugin manifest is invalid. The message names the
 * plugin (folder) and the offending field, so the operator knows what to fix.
 */
export class PluginManifestError extends Error {
  constructor(
    public pluginFolder: string,
    public field: string,
    public reason: string,
    /** The file at fault, relative to the plugin folder. */
    public file = 'plugin.json'
  ) {
    super(
      `Plugin "${basename(pluginFolder)}" (${relative(appRoot, join(pluginFolder, file))}): ` +
        `field "${field}" ${reason}`
    )
    this.name = 'PluginManifestError'
  }
}

/**
 * Turns ajv's error into a field path and a sentence.
 */
export function describeAjvError(error: ErrorObject): FieldError {
  const segments = error.instancePath.split('/').filter(Boolean)
  let message = error.message ?? 'is invalid'
  if (error.keyword === 'required') {
    segments.push(String(error.params.missingProperty))
    message = 'is required'
  } else if (error.keyword === 'additionalProperties') {
    segments.push(String(error.params.additionalProperty))
    message = 'is not allowed (unknown field)'
  } else if (error.keyword === 'enum') {
    message = `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`
  }
  return {
    field: segments.join('.') || '(root)',
    message,
    keyword: error.keyword,
    params: error.params as Record<string, unknown>,
  }
}

function newAjv(options: { useDefaults?: boolean } = {}) {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: options.useDefaults ?? false })
  addFormats.default(ajv)
  return ajv
}

const validateManifest = newAjv().compile(manifestSchema)

/**
 * The version of the core plugins declare compatibility with.
 */
export const coreVersion: string = JSON.parse(
  readFileSync(join(appRoot, 'package.json'), 'utf8')
).version

/**
 * Everything a plugin names lives in its own namespace, and every file it
 * names exists.
 */
function checkNamespaces(folder: string, manifest: PluginManifest) {
  const id = manifest.id
  if (coreNamespaces().has(id)) {
    throw new PluginManifestError(folder, 'id', `"${id}" is a name the core uses for its texts`)
  }
  manifest.permissions?.forEach((permission, index) => {
    if (!permission.id.startsWith(`${id}.`)) {
      throw new PluginManifestError(
        folder,
        `permissions.${index}.id`,
        `"${permission.id}" must start with "${id}."`
      )
    }
  })
  manifest.mailTemplates?.forEach((template, index) => {
    if (!template.name.startsWith(`${id}_`)) {
      throw new PluginManifestError(
        folder,
        `mailTemplates.${index}.name`,
        `"${template.name}" must start with "${id}_"`
      )
    }
    const short = template.name.slice(id.length + 1)
    for (const locale of LOCALES) {
      const file = join('mail_templates', locale, `${short}.liquid`)
      if (!existsSync(join(folder, file))) {
        throw new PluginManifestError(folder, `mailTemplates.${index}.name`, `has no ${file}`)
      }
    }
    // The admin's editor names it, says what it is for and describes its variables.
    const texts = join(manifest.entry?.lang ?? 'lang', 'en', 'mail.json')
    const mail = existsSync(join(folder, texts))
      ? (JSON.parse(readFileSync(join(folder, texts), 'utf8')) as Record<string, any>)
      : {}
    const needed = [
      `names.${short}`,
      `purposes.${short}`,
      ...Object.keys(template.variables).map((variable) => `variables.${variable}`),
    ]
    for (const key of needed) {
      const [group, name] = key.split('.')
      if (typeof mail[group]?.[name] !== 'string') {
        throw new PluginManifestError(
          folder,
          key,
          'is missing (the e-mail template editor shows it)',
          texts
        )
      }
    }
  })
  manifest.schedules?.forEach((schedule, index) => {
    try {
      CronExpressionParser.parse(schedule.cron)
    } catch (error) {
      throw new PluginManifestError(
        folder,
        `schedules.${index}.cron`,
        `"${schedule.cron}" is not a valid cron spec: ${(error as Error).message}`
      )
    }
    if (!manifest.entry?.workflows) {
      throw new PluginManifestError(folder, `schedules.${index}.workflow`, 'needs entry.workflows')
    }
  })
  manifest.slots?.forEach((slot, index) => {
    for (const [key, file] of [
      ['component', slot.component],
      ['props', slot.props],
    ] as const) {
      if (file && !existsSync(join(folder, file)) && !existsSync(moduleFile(join(folder, file)))) {
        throw new PluginManifestError(
          folder,
          `slots.${index}.${key}`,
          `names a missing file ${file}`
        )
      }
    }
  })
  for (const [key, file] of Object.entries(manifest.entry ?? {})) {
    if (file && !existsSync(moduleFile(join(folder, file)))) {
      throw new PluginManifestError(folder, `entry.${key}`, `names a missing file ${file}`)
    }
  }
}

let reserved: Set<string> | undefined

/**
 * Names a plugin id may not take: the core's text files (`documents`) and the
 * top-level keys of its `ui` texts, which share the namespace with plugins'.
 */
function coreNamespaces(): Set<string> {
  if (!reserved) {
    const dir = join(appRoot, 'resources', 'lang', 'en')
    const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')) : []
    reserved = new Set(files.map((file) => file.slice(0, -'.json'.length)))
    if (files.includes('ui.json')) {
      for (const key of Object.keys(JSON.parse(readFileSync(join(dir, 'ui.json'), 'utf8')))) {
        reserved.add(key)
      }
    }
  }
  return reserved
}

/** `{ a: { b: 'x' } }` → `['a.b']` */
function flatKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    flatKeys(inner, prefix ? `${prefix}.${key}` : key)
  )
}

/**
 * `lang/<locale>/<file>.json` exist for nl, fr and en with the same keys: a
 * text missing in one language stops the boot, naming the file and the key.
 */
function checkTranslations(folder: string, manifest: PluginManifest) {
  const langFolder = join(folder, manifest.entry?.lang ?? 'lang')
  if (!existsSync(langFolder)) return
  const keys = new Map<string, Set<string>>()
  for (const locale of LOCALES) {
    const dir = join(langFolder, locale)
    const found = new Set<string>()
    for (const file of existsSync(dir) ? readdirSync(dir) : []) {
      if (!file.endsWith('.json')) continue
      let parsed: unknown
      try {
        parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      } catch (error) {
        throw new PluginManifestError(
          folder,
          '(file)',
          `is not valid JSON: ${(error as Error).message}`,
          relative(folder, join(dir, file))
        )
      }
      for (const key of flatKeys(parsed)) found.add(`${file.slice(0, -'.json'.length)}.${key}`)
    }
    keys.set(locale, found)
  }
  const all = new Set([...keys.values()].flatMap((set) => [...set]))
  for (const locale of LOCALES) {
    for (const key of all) {
      if (!keys.get(locale)!.has(key)) {
        const file = key.split('.')[0]
        const present = LOCALES.find((other) => keys.get(other)!.has(key))!
        throw new PluginManifestError(
          folder,
          key.slice(file.length + 1),
          `is missing (present in ${relative(folder, join(langFolder, present, `${file}.json`))})`,
          relative(folder, join(langFolder, locale, `${file}.json`))
        )
      }
    }
  }
}

/**
 * Reads and validates one plugin folder. Throws PluginManifestError.
 */
export function loadPlugin(folder: string): LoadedPlugin {
  const file = join(folder, 'plugin.json')
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new PluginManifestError(
      folder,
      '(file)',
      `is not valid JSON: ${(error as Error).message}`
    )
  }

  if (!validateManifest(raw)) {
    const first = describeAjvError(validateManifest.errors![0])
    throw new PluginManifestError(folder, first.field, first.message)
  }
  const manifest = raw as unknown as PluginManifest

  if (manifest.id !== basename(folder)) {
    throw new PluginManifestError(folder, 'id', `must equal the folder name "${basename(folder)}"`)
  }
  if (manifest.core !== '*' && !semver.satisfies(coreVersion, manifest.core)) {
    throw new PluginManifestError(
      folder,
      'core',
      `asks for core ${manifest.core}, but this core is ${coreVersion}`
    )
  }

  checkNamespaces(folder, manifest)
  checkTranslations(folder, manifest)

  let settingsValidator: ValidateFunction
  try {
    settingsValidator = newAjv({ useDefaults: true }).compile(
      manifest.settings ?? { type: 'object', additionalProperties: false, properties: {} }
    )
  } catch (error) {
    throw new PluginManifestError(
      folder,
      'settings',
      `is not a valid JSON schema: ${(error as Error).message}`
    )
  }

  return {
    id: manifest.id,
    folder,
    manifest,
    validateSettings(settings: unknown) {
      const value = structuredClone(settings ?? {}) as Record<string, unknown>
      if (settingsValidator(value)) return { valid: true, value }
      return { valid: false, errors: (settingsValidator.errors ?? []).map(describeAjvError) }
    },
  }
}

/**
 * Every plugin the core found at boot, by id.
 */
export class PluginRegistry {
  #plugins = new Map<string, LoadedPlugin>()

  /**
   * Loads every plugin folder; the first invalid manifest stops the boot.
   */
  static load(folders: string[] = pluginFolders()): PluginRegistry {
    const registry = new PluginRegistry()
    for (const folder of folders) {
      const plugin = loadPlugin(folder)
      const existing = registry.#plugins.get(plugin.id)
      if (existing) {
        throw new PluginManifestError(
          folder,
          'id',
          `"${plugin.id}" is already used by ${existing.folder}`
        )
      }
      registry.#plugins.set(plugin.id, plugin)
    }
    return registry
  }

  all(): LoadedPlugin[] {
    return [...this.#plugins.values()]
  }

  get(id: string): LoadedPlugin | undefined {
    return this.#plugins.get(id)
  }

  has(id: string): boolean {
    return this.#plugins.has(id)
  }
}
