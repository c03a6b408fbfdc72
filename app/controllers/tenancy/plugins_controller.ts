import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry, type FieldError } from '#plugins/registry'
import { InvalidPluginSettingsException, PluginService } from '#plugins/plugin_service'
import { errorMessageKey } from '#plugins/settings_form'
import { activityLog } from '#services/activity_log'
import { UserFacingException } from '#exceptions/user_facing_exception'
import PluginTransformer, { type InstalledPlugin } from '#transformers/tenancy/plugin_transformer'

/**
 * "Apps & integrations" (TEN-2): every installed plugin, enabled or not for
 * this tenant, and its settings as a form made from the plugin's schema.
 *
 * @spec TEN-2
 */
@inject()
export default class PluginsController {
  constructor(
    protected registry: PluginRegistry,
    protected plugins: PluginService
  ) {}

  async index({ inertia, i18n }: HttpContext) {
    const locale = i18n.locale as 'en' | 'nl' | 'fr'
    const rows = await TenantPlugin.query()
    const installed: InstalledPlugin[] = []
    for (const plugin of this.registry.all()) {
      const state = rows.find((row) => row.pluginId === plugin.id) ?? null
      const secretsSet = new Set(state ? await this.plugins.secretsSet(state) : [])
      installed.push({ plugin, state, secretsSet })
    }
    const name = ({ plugin }: InstalledPlugin) =>
      PluginTransformer.localized(plugin.manifest.name, locale)
    installed.sort((a, b) => name(a).localeCompare(name(b), locale))
    return inertia.render('admin/plugins', {
      plugins: PluginTransformer.transform(installed, locale),
    })
  }

  /** Enables with the stored settings, else the schema's defaults. */
  async enable(ctx: HttpContext) {
    const plugin = this.plugins.plugin(ctx.params.id)
    const stored = await this.plugins.settings(plugin.id)
    if (!plugin.validateSettings(stored).valid) {
      throw new UserFacingException('settings.plugins.configure_first', {
        data: { name: plugin.manifest.name[ctx.i18n.locale as 'en'] ?? plugin.id },
      })
    }
    await this.plugins.enable(plugin.id)
    await this.log(ctx, 'plugin.enabled', plugin.id)
    ctx.session.flash('success', ctx.i18n.t('settings.plugins.enabled'))
    return ctx.response.redirect().back()
  }

  async disable(ctx: HttpContext) {
    const plugin = this.plugins.plugin(ctx.params.id)
    await this.plugins.disable(plugin.id)
    await this.log(ctx, 'plugin.disabled', plugin.id)
    ctx.session.flash('success', ctx.i18n.t('settings.plugins.disabled'))
    return ctx.response.redirect().back()
  }

  /**
   * Validated against the plugin's schema with ajv; each error lands on its
   * field in the admin's language, and nothing is stored.
   */
  async updateSettings(ctx: HttpContext) {
    const plugin = this.plugins.plugin(ctx.params.id)
    const input = withoutEmpty(ctx.request.input('settings', {}))
    const before = await this.plugins.settings(plugin.id)
    let saved: Record<string, unknown>
    try {
      const row = await this.plugins.saveSettings(plugin.id, input)
      saved = row.settingsObject
    } catch (error) {
      if (error instanceof InvalidPluginSettingsException) {
        throw this.validationError(ctx, error.errors)
      }
      throw error
    }
    const changed = changedPaths(before, saved)
    await this.log(ctx, 'plugin.settings_changed', plugin.id, changed.join(', ').slice(0, 300))
    ctx.session.flash('success', ctx.i18n.t('settings.plugins.saved'))
    return ctx.response.redirect().back()
  }

  private validationError(ctx: HttpContext, errors: FieldError[]) {
    return new vineErrors.E_VALIDATION_ERROR(
      errors.map((error) => {
        const { key, data } = errorMessageKey(error)
        return {
          field: error.field === '(root)' ? 'settings' : `settings.${error.field}`,
          message: ctx.i18n.t(key, data),
          rule: error.keyword,
        }
      })
    )
  }

  private async log(
    ctx: HttpContext,
    type: 'plugin.enabled' | 'plugin.disabled' | 'plugin.settings_changed',
    plugin: string,
    fields?: string
  ) {
    await activityLog.record({
      type,
      actor: ctx.auth.user!,
      ip: ctx.request.ip(),
      details: fields === undefined ? { plugin } : { plugin, fields },
    })
  }
}

/**
 * A field left empty means "not set" (the schema's default then applies):
 * the body parser turns empty strings into null, which the schema would
 * refuse as a wrong type.
 */
function withoutEmpty(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null && entry !== '')
      .map(([key, entry]) => [key, withoutEmpty(entry)])
  )
}

/** The dotted paths whose values differ (values are not logged: settings may hold secrets). */
function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    !!value && typeof value === 'object' && !Array.isArray(value)
  if (isObject(before) || isObject(after)) {
    before = isObject(before) ? before : {}
    after = isObject(after) ? after : {}
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    return [...keys].flatMap((key) =>
      changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key)
    )
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(all)']
}
