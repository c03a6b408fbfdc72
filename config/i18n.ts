import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { PluginTranslationsLoader } from '#plugins/translations'

/**
 * Every user-facing text exists in nl, fr and en (resources/lang/<locale>,
 * and each plugin's lang/<locale> under its id).
 */
const i18nConfig = defineConfig({
  defaultLocale: 'en',
  supportedLocales: ['en', 'nl', 'fr'],
  fallbackLocales: {},
  formatter: formatters.icu(),
  loaders: [
    loaders.fs({
      location: app.languageFilesPath(),
    }),
    () => new PluginTranslationsLoader(),
  ],
})

/** @spec TEN-7 */
export default i18nConfig
