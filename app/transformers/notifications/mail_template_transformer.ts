import { BaseTransformer } from '@adonisjs/core/transformers'
import type MailTemplate from '#models/mail_template'
import type { MailTemplateListing } from '#actions/notifications/mail_template_editor'
import { LOCALES } from '#services/locale'

/** When and by whom the tenant last changed its version (`updatedBy` preloaded). */
export function changeOf(own: MailTemplate | null | undefined) {
  return {
    updatedAt: own?.updatedAt?.toISO() ?? null,
    updatedBy: own ? (own.updatedBy?.fullName ?? own.updatedBy?.email ?? null) : null,
  }
}

/**
 * One of the portal's e-mails on the templates page (TEN-6): its name and
 * purpose, and per language whether the tenant customised it, when and by
 * whom.
 *
 * @spec TEN-6
 */
export default class MailTemplateTransformer extends BaseTransformer<MailTemplateListing> {
  toObject() {
    const { name, label, purpose, customisations } = this.resource
    return {
      name,
      label,
      purpose,
      languages: LOCALES.map((locale) => {
        const own = customisations.find((template) => template.locale === locale)
        return { locale, customised: !!own, ...changeOf(own) }
      }),
    }
  }
}
