import { inject } from '@adonisjs/core'
import { Exception } from '@adonisjs/core/exceptions'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry, type FieldError, type LoadedPlugin } from '#plugins/registry'
import { tenantContext } from '#tenancy/tenant_context'
import { forgetEnabledPlugins } from '#plugins/menu'

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

  async settings(pluginId: string): Promise<Record<string, unknown>> {
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    return row?.settingsObject ?? {}
  }

  /**
   * Enables a plugin; settings (given, else the stored ones, else `{}`) are
   * validated against the plugin's schema, defaults filled in. Nothing is
   * stored when they are invalid.
   */
  async enable(pluginId: string, settings?: Record<string, unknown>): Promise<TenantPlugin> {
    const plugin = this.plugin(pluginId)
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    const result = plugin.validateSettings(settings ?? row?.settingsObject ?? {})
    if (!result.valid) throw new InvalidPluginSettingsException(pluginId, result.errors)

    const target = row ?? new TenantPlugin()
    target.merge({
      tenantId: tenantContext.tenantId(),
      pluginId,
      enabled: true,
      settings: JSON.stringify(result.value),
    })
    await target.save()
    forgetEnabledPlugins(target.tenantId)
    return target
  }

  /**
   * Stores new settings without changing whether the plugin is enabled;
   * nothing is stored when they are invalid.
   */
  async saveSettings(pluginId: string, settings: unknown): Promise<TenantPlugin> {
    const plugin = this.plugin(pluginId)
    const result = plugin.validateSettings(settings)
    if (!result.valid) throw new InvalidPluginSettingsException(pluginId, result.errors)
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    const target = row ?? new TenantPlugin()
    target.merge({
      tenantId: tenantContext.tenantId(),
      pluginId,
      enabled: row?.enabled ?? false,
      settings: JSON.stringify(result.value),
    })
    await target.save()
    return target
  }

  async disable(pluginId: string): Promise<void> {
    this.plugin(pluginId)
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    if (row) {
      row.enabled = false
      await row.save()
      forgetEnabledPlugins(row.tenantId)
    }
  }
}
