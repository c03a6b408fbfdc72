import { createHash } from 'node:crypto'
import i18nManager from '@adonisjs/i18n/services/main'
import { pluginFolders } from '#plugins/paths'
import { basename } from 'node:path'

const pluginIds = new Set(pluginFolders().map((folder) => basename(folder)))

const cache = new Map<string, Record<string, string>>()
const versions = new Map<string, string>()

/**
 * The texts Vue pages need in one language: every key of the `ui` namespace
 * (resources/lang/<locale>/ui.json), flattened and without the prefix, and
 * each installed plugin's `ui` texts as `<plugin id>.<key>`. ICU messages are
 * formatted in the browser with the same syntax.
 *
 * @spec TEN-7
 */
export function uiMessages(locale: string): Record<string, string> {
  let messages = cache.get(locale)
  if (!messages) {
    messages = {}
    for (const [key, value] of Object.entries(i18nManager.getTranslationsFor(locale))) {
      if (key.startsWith('ui.')) messages[key.slice(3)] = value
      const plugin = /^([a-z][a-z0-9]*)\.ui\.(.+)$/.exec(key)
      if (plugin && pluginIds.has(plugin[1])) messages[`${plugin[1]}.${plugin[2]}`] = value
    }
    cache.set(locale, messages)
  }
  return messages
}

/**
 * A short fingerprint of a language's texts: browsers keep the texts under
 * it, so a release that changes them is fetched again.
 */
export function uiMessagesVersion(locale: string): string {
  let version = versions.get(locale)
  if (!version) {
    version = createHash('sha256')
      .update(JSON.stringify(uiMessages(locale)))
      .digest('hex')
      .slice(0, 12)
    versions.set(locale, version)
  }
  return version
}
