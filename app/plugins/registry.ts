import { readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import semver from 'semver'
import { manifestSchema } from '#plugins/manifest_schema'
import { appRoot, pluginFolders } from '#plugins/paths'

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
  permissions?: { id: string; description: Localized }[]
  menu?: {
    id: string
    label: Localized
    path: string
    area: 'portal' | 'admin'
    roles?: ('admin' | 'staff' | 'customer')[]
  }[]
  settings?: Record<string, unknown>
  entry?: {
    routes?: string
    migrations?: string
    workflows?: string
    activities?: string
    jobs?: string
    pages?: string
    lang?: string
  }
}

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
    public reason: string
  ) {
    super(
      `Plugin "${basename(pluginFolder)}" (${relative(appRoot, join(pluginFolder, 'plugin.json'))}): ` +
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
