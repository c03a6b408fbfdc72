import { BaseTransformer } from '@adonisjs/core/transformers'
import type TenantPlugin from '#models/tenant_plugin'
import type { LoadedPlugin } from '#plugins/registry'
import { fieldsOf, type SettingsValue } from '#plugins/settings_form'

type Locale = 'en' | 'nl' | 'fr'

/** An installed plugin and, once the tenant touched it, the tenant's row of it. */
export interface InstalledPlugin {
  plugin: LoadedPlugin
  state: TenantPlugin | null
  /** Dotted paths of the secret settings that hold a value. */
  secretsSet: ReadonlySet<string>
}

/**
 * A plugin on "Apps & integrations" (TEN-2), in the admin's language:
 * what it is, whether it is on, the permissions it brings and its settings
 * form (fields made from its JSON schema, the stored values or else the
 * schema's defaults). Secret values never leave the server: the form only
 * learns whether one is set.
 *
 * @spec TEN-2
 */
export default class PluginTransformer extends BaseTransformer<InstalledPlugin> {
  constructor(
    installed: InstalledPlugin,
    protected locale: Locale
  ) {
    super(installed)
  }

  /** A manifest text in `locale`, else in English. */
  static localized(texts: Partial<Record<Locale, string>> & { en: string }, locale: Locale) {
    return texts[locale] ?? texts.en
  }

  toObject() {
    const { plugin, state, secretsSet } = this.resource
    const { manifest } = plugin
    const defaults = plugin.validateSettings({})
    return {
      id: plugin.id,
      version: manifest.version,
      name: PluginTransformer.localized(manifest.name, this.locale),
      description: PluginTransformer.localized(manifest.description, this.locale),
      enabled: !!state?.enabled,
      permissions: (manifest.permissions ?? []).map((permission) =>
        PluginTransformer.localized(permission.description, this.locale)
      ),
      fields: fieldsOf(manifest.settings, '', this.locale, secretsSet),
      // Secret fields are not in here: stored apart, encrypted, write-only.
      settings: (state ? state.settingsObject : defaults.valid ? defaults.value : {}) as Record<
        string,
        SettingsValue
      >,
    }
  }
}
