/** @spec TEN-7 */
import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALES } from '#services/locale'

const sampleValues = {
  field: 'x',
  min: 1,
  max: 2,
  minutes: 3,
  days: 2,
  tenant: 'T',
  name: 'N',
  email: 'e',
  date: 'd',
}

test.group('Translations', () => {
  test('every text exists in nl, fr and en', ({ assert }) => {
    const keysOf = (locale: string) => Object.keys(i18nManager.getTranslationsFor(locale)).sort()
    const reference = keysOf('en')
    assert.isAbove(reference.length, 50)
    // Installed plugins' texts are checked alike (the fixture plugin's here).
    assert.include(reference, 'hello.ui.title')
    for (const locale of LOCALES) {
      const keys = keysOf(locale)
      assert.deepEqual(
        reference.filter((key) => !keys.includes(key)),
        [],
        `keys missing in ${locale}`
      )
      assert.deepEqual(
        keys.filter((key) => !reference.includes(key)),
        [],
        `keys in ${locale} but not in en`
      )
    }
  })

  test('every message is valid ICU in its language', ({ assert }) => {
    for (const locale of LOCALES) {
      const i18n = i18nManager.locale(locale)
      for (const key of Object.keys(i18nManager.getTranslationsFor(locale))) {
        assert.doesNotThrow(() => i18n.formatMessage(key, sampleValues), `${locale}:${key}`)
      }
    }
  })
})
