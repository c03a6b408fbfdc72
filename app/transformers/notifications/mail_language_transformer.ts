import { BaseTransformer } from '@adonisjs/core/transformers'
import type { I18n } from '@adonisjs/i18n'
import type { Locale } from '#services/locale'

/**
 * A language of the portal as a column of the e-mail templates page
 * (TEN-6, TEN-7), named in the admin's language.
 *
 * @spec TEN-6 TEN-7
 */
export default class MailLanguageTransformer extends BaseTransformer<Locale> {
  constructor(
    locale: Locale,
    protected i18n: I18n
  ) {
    super(locale)
  }

  toObject() {
    return {
      locale: this.resource,
      label: this.i18n.t(`mail_templates.languages.${this.resource}`),
    }
  }
}
