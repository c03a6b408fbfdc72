/** @spec TEN-2 */
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import PluginSecret from '#models/plugin_secret'
import { tenantContext } from '#tenancy/tenant_context'

type Schema = Record<string, unknown>
type Settings = Record<string, unknown>

/**
 * Dotted paths of the settings fields a plugin marks `"x-secret": true`
 * (string fields): write-only, stored encrypted apart from the other
 * settings, never sent to the browser.
 */
export function secretPaths(schema: Schema | undefined, prefix = ''): string[] {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name
    if (property['x-secret'] === true) return [path]
    return property.type === 'object' ? secretPaths(property, path) : []
  })
}

function read(value: Settings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Settings | undefined)?.[key], value)
}

function write(value: Settings, path: string, entry: unknown): void {
  const keys = path.split('.')
  let node = value
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {}
    node = node[key] as Settings
  }
  if (entry === undefined) delete node[keys.at(-1)!]
  else node[keys.at(-1)!] = entry
}

/** Settings without their secret fields, and the secrets by path. */
export function splitSecrets(
  settings: Settings,
  paths: string[]
): { plain: Settings; secrets: Record<string, string> } {
  const plain = structuredClone(settings)
  const secrets: Record<string, string> = {}
  for (const path of paths) {
    const value = read(plain, path)
    if (typeof value === 'string' && value !== '') secrets[path] = value
    write(plain, path, undefined)
  }
  return { plain, secrets }
}

/** Settings with their secret fields put back (what the plugin's code reads). */
export function withSecrets(plain: Settings, secrets: Record<string, string>): Settings {
  const merged = structuredClone(plain)
  for (const [path, value] of Object.entries(secrets)) write(merged, path, value)
  return merged
}

/** Encrypted for one tenant's plugin: a value copied to another row does not decrypt. */
function purpose(tenantId: number, pluginId: string, name: string) {
  return `plugin-secret:${tenantId}:${pluginId}:${name}`
}

export function encryptSettingsSecrets(
  secrets: Record<string, string>,
  tenantId: number,
  pluginId: string
): string | null {
  if (Object.keys(secrets).length === 0) return null
  return encryption.encrypt(secrets, undefined, purpose(tenantId, pluginId, '(settings)'))
}

export function decryptSettingsSecrets(
  stored: string | null,
  tenantId: number,
  pluginId: string
): Record<string, string> {
  if (!stored) return {}
  return (
    encryption.decrypt<Record<string, string>>(stored, purpose(tenantId, pluginId, '(settings)')) ??
    {}
  )
}

/** Metadata of one version of a kept secret (never its value). */
export interface SecretVersion {
  version: number
  createdAt: DateTime
  retiredAt: DateTime | null
}

/**
 * Secrets a plugin generates and keeps for the tenant in scope (the e-Box
 * private key): encrypted with APP_KEY, versioned. `rotate` stores a new
 * version and retires the current one, which stays readable (`value(name,
 * version)`) until `removeRetired` so that work in flight can finish.
 */
export class PluginSecretStore {
  constructor(protected pluginId: string) {}

  private tenantId(): number {
    const id = tenantContext.tenantId()
    if (id === undefined) throw new Error('PluginSecretStore is used inside a tenant scope')
    return id
  }

  private query(name: string) {
    return PluginSecret.query().where('plugin_id', this.pluginId).where('name', name)
  }

  /** The current value, or null when none was stored. */
  async current(name: string): Promise<{ version: number; value: string } | null> {
    const row = await this.query(name).whereNull('retired_at').orderBy('version', 'desc').first()
    if (!row) return null
    return { version: row.version, value: this.decrypt(name, row.value) }
  }

  /** A given version's value (current or retired), or null once removed. */
  async value(name: string, version: number): Promise<string | null> {
    const row = await this.query(name).where('version', version).first()
    return row ? this.decrypt(name, row.value) : null
  }

  /** Stores `value` as the new current version; the previous one is retired. Returns the version. */
  async rotate(name: string, value: string): Promise<number> {
    const rows = await this.query(name).orderBy('version', 'desc')
    const version = (rows[0]?.version ?? 0) + 1
    const now = DateTime.now()
    for (const row of rows.filter((entry) => !entry.retiredAt)) {
      row.retiredAt = now
      await row.save()
    }
    await PluginSecret.create({
      tenantId: this.tenantId(),
      pluginId: this.pluginId,
      name,
      version,
      value: encryption.encrypt(value, undefined, purpose(this.tenantId(), this.pluginId, name)),
    })
    return version
  }

  async versions(name: string): Promise<SecretVersion[]> {
    const rows = await this.query(name).orderBy('version', 'asc')
    return rows.map((row) => ({
      version: row.version,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
    }))
  }

  /** Deletes the retired versions of `name`. */
  async removeRetired(name: string): Promise<void> {
    await this.query(name).whereNotNull('retired_at').delete()
  }

  /** Deletes every version of `name`. */
  async remove(name: string): Promise<void> {
    await this.query(name).delete()
  }

  private decrypt(name: string, stored: string): string {
    const value = encryption.decrypt<string>(stored, purpose(this.tenantId(), this.pluginId, name))
    if (value === null)
      throw new Error(
        `Secret "${name}" of plugin "${this.pluginId}" does not decrypt (APP_KEY changed?)`
      )
    return value
  }
}
