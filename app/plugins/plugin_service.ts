import { inject } from '@adonisjs/core'
import { Exception } from '@adonisjs/core/exceptions'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry, type FieldError, type LoadedPlugin } from '#plugins/registry'
import { tenantContext } from '#tenancy/tenant_context'
import { forgetEnabledPlugins } from '#plugins/menu'
import { pluginSchedules } from '#plugins/schedules'
import {
  decryptSettingsSecrets,
  encryptSettingsSecrets,
  secretPaths,
  splitSecrets,
  withSecrets,
} from '#plugins/secrets'

/**
 * Raised when a tenant's settings do not match the plugin's settings schema.
 */
export class InvalidPluginSettingsException extends Exception {
  static status = 422
  static code = 'E_INVALID_PLUGIN_SETTINGS'

  constructor(
    public pluginId: string,
    public errors: FieldError[]
  ) {
    super(
      `Invalid settings for plugin "${pluginId}": ` +
        errors.map((error) => `${error.field} ${error.message}`).join('; ')
    )
  }
}

export class UnknownPluginException extends Exception {
  static status = 404
  static code = 'E_UNKNOWN_PLUGIN'

  constructor(pluginId: string) {
    super(`No plugin "${pluginId}" is installed`)
  }
}

/**
 * Per-tenant plugin state (TEN-2): which plugins a tenant enabled and with
 * which settings. Works on the tenant in scope.
 *
 * @spec TEN-2
 */
@inject()
export class PluginService {
  constructor(protected registry: PluginRegistry) {}

  plugin(pluginId: string): LoadedPlugin {
    const plugin = this.registry.get(pluginId)
    if (!plugin) throw new UnknownPluginException(pluginId)
    return plugin
  }

  async isEnabled(pluginId: string): Promise<boolean> {
    if (!this.registry.has(pluginId)) return false
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    return !!row?.enabled
  }

  /** Ids of the plugins the tenant in scope enabled (and that are installed). */
  async enabledIds(): Promise<string[]> {
    const rows = await TenantPlugin.query().where('enabled', true).select('plugin_id')
    return rows.map((row) => row.pluginId).filter((id) => this.registry.has(id))
  }

  /**
   * The tenant's settings of the plugin, secret fields included (decrypted):
   * for the plugin's server code only, never for a page.
   */
  async settings(pluginId: string): Promise<Record<string, unknown>> {
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    if (!row) return {}
    return withSecrets(
      row.settingsObject,
      decryptSettingsSecrets(row.secrets, row.tenantId, pluginId)
    )
  }

  /** The dotted paths of the secret fields that hold a value (for the form: "set"). */
  async secretsSet(row: TenantPlugin): Promise<string[]> {
    return Object.keys(decryptSettingsSecrets(row.secrets, row.tenantId, row.pluginId))
  }

  /**
   * Enables a plugin; settings (given, else the stored ones, else `{}`) are
   * validated against the plugin's schema, defaults filled in. Nothing is
   * stored when they are invalid.
   */
  async enable(pluginId: string, settings?: Record<string, unknown>): Promise<TenantPlugin> {
    const row = await this.store(pluginId, settings, true)
    await pluginSchedules.syncSoon(pluginId, row.tenantId, true)
    return row
  }

  /**
   * Stores new settings without changing whether the plugin is enabled;
   * nothing is stored when they are invalid. A secret field left out keeps
   * its value; one given replaces it.
   */
  async saveSettings(pluginId: string, settings: unknown): Promise<TenantPlugin> {
    return this.store(pluginId, (settings ?? {}) as Record<string, unknown>, undefined)
  }

  private async store(
    pluginId: string,
    input: Record<string, unknown> | undefined,
    enabled: boolean | undefined
  ): Promise<TenantPlugin> {
    const plugin = this.plugin(pluginId)
    const tenantId = tenantContext.tenantId()!
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    const paths = secretPaths(plugin.manifest.settings)
    const kept = row ? decryptSettingsSecrets(row.secrets, tenantId, pluginId) : {}
    const given = splitSecrets(input ?? row?.settingsObject ?? {}, paths)
    const result = plugin.validateSettings(withSecrets(given.plain, { ...kept, ...given.secrets }))
    if (!result.valid) throw new InvalidPluginSettingsException(pluginId, result.errors)

    const { plain, secrets } = splitSecrets(result.value as Record<string, unknown>, paths)
    const target = row ?? new TenantPlugin()
    target.merge({
      tenantId,
      pluginId,
      enabled: enabled ?? row?.enabled ?? false,
      settings: JSON.stringify(plain),
      secrets: encryptSettingsSecrets(secrets, tenantId, pluginId),
    })
    await target.save()
    forgetEnabledPlugins(tenantId)
    return target
  }

  async disable(pluginId: string): Promise<void> {
    this.plugin(pluginId)
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    if (row) {
      row.enabled = false
      await row.save()
      forgetEnabledPlugins(row.tenantId)
      await pluginSchedules.syncSoon(pluginId, row.tenantId, false)
    }
  }
}
