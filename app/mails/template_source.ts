/** @spec TEN-6 */
import MailTemplate from '#models/mail_template'
import { defaultSource, type MailSource } from '#mails/liquid_mail'
import type { MailTemplateName } from '#mails/templates'
import type { Locale } from '#services/locale'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * The key of a delivery's data that makes it a test e-mail of the template
 * editor (TEN-6): the template to try, rendered with sample data.
 */
export const TEMPLATE_TEST_KEY = '$templateTest'
export type TemplateTest = MailSource

/**
 * The wording of an e-mail for a tenant and a language: the tenant's own
 * template when it has one, else the platform's default.
 */
export async function mailTemplateSource(
  tenantId: number | null,
  name: MailTemplateName,
  locale: Locale
): Promise<{ source: MailSource; custom: boolean }> {
  if (tenantId !== null) {
    const own = await tenantContext.run(tenantId, () =>
      MailTemplate.query().where('name', name).where('locale', locale).first()
    )
    if (own) return { source: { subject: own.subject, body: own.body }, custom: true }
  }
  return { source: defaultSource(name, locale), custom: false }
}
