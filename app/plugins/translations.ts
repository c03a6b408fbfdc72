import { basename, join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { loaders } from '@adonisjs/i18n'
import type { Translations, TranslationsLoaderContract } from '@adonisjs/i18n/types'
import { pluginFolders } from '#plugins/paths'

/**
 * The texts of the installed plugins: `plugins/<id>/lang/<locale>/<file>.json`
 * under the plugin's namespace, `<id>.<file>.<key>` (the core's are
 * `<file>.<key>`; no plugin id may equal a core file's name). Keys of a
 * plugin's `ui.json` also reach its Vue pages as `<id>.<key>`
 * (app/services/ui_messages.ts).
 */
export class PluginTranslationsLoader implements TranslationsLoaderContract {
  async load(): Promise<Translations> {
    const translations: Translations = {}
    for (const folder of pluginFolders()) {
      // The registry validates the manifest (and the texts) at boot; only the folder is read here.
      const manifest = JSON.parse(readFileSync(join(folder, 'plugin.json'), 'utf8'))
      const id = basename(folder)
      const location = join(folder, manifest.entry?.lang ?? 'lang')
      if (!existsSync(location)) continue
      const factory = await loaders.fs({ location }).resolver(app)
      const loaded = await factory(undefined as never).load()
      for (const [locale, messages] of Object.entries(loaded)) {
        translations[locale] ??= {}
        for (const [key, message] of Object.entries(messages)) {
          translations[locale][`${id}.${key}`] = message
        }
      }
    }
    return translations
  }
}
