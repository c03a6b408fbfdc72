import type { Job } from 'bullmq'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import encryption from '@adonisjs/core/services/encryption'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import MailDelivery from '#models/mail_delivery'
import Tenant from '#models/tenant'
import { isMailTemplate, templateDefinition, templateVariables } from '#mails/templates'
import { defaultSource, renderMail, type RenderedMail } from '#mails/liquid_mail'
import { mailTemplateSource, TEMPLATE_TEST_KEY, type TemplateTest } from '#mails/template_source'
import type { MailJobData } from '#services/mail_outbox'
import { isLocale } from '#services/locale'
import { tenantContext } from '#tenancy/tenant_context'
import { mailBranding } from '#services/branding'

/**
 * Sends one e-mail of the outbox over SMTP, in the recipient's language, with
 * the tenant's name and colours, worded by the tenant's template for that
 * language when it has one (TEN-6), else by the platform's. A delivery
 * already sent is skipped, so a retried or duplicated job never sends twice.
 *
 * @spec TEN-6 TEN-7
 */
export async function sendMailJob(job: Job<MailJobData>): Promise<'sent' | 'skipped'> {
  const delivery = await MailDelivery.find(job.data.deliveryId)
  if (!delivery) {
    logger.warn(
      { job: job.id, delivery: job.data.deliveryId },
      'mail job for a delivery that does not exist'
    )
    return 'skipped'
  }
  if (delivery.status === 'sent') return 'skipped'
  if (!isMailTemplate(delivery.template)) {
    throw new Error(`Unknown mail template "${delivery.template}" (delivery ${delivery.id})`)
  }

  const template = templateDefinition(delivery.template)
  const data = encryption.decrypt<Record<string, unknown>>(delivery.payload)
  if (!data)
    throw new Error(`Cannot decrypt the payload of delivery ${delivery.id} (APP_KEY changed?)`)

  const tenant = delivery.tenantId
    ? await tenantContext.runUnscoped('mail job', () => Tenant.find(delivery.tenantId))
    : null
  const locale = isLocale(delivery.locale) ? delivery.locale : (tenant?.defaultLocale ?? 'en')
  const i18n = i18nManager.locale(locale)
  const test = data[TEMPLATE_TEST_KEY] as TemplateTest | undefined
  const prepared =
    !test && template.prepare && delivery.tenantId
      ? await tenantContext.run(delivery.tenantId, () => template.prepare!(data, tenant))
      : { view: {}, attachments: [] }
  const variables = templateVariables(
    delivery.template,
    test && tenant ? template.sample(tenant) : { ...data, ...prepared.view },
    tenant,
    i18n
  )
  const layout = mailBranding(tenant, locale)
  const wording = test
    ? { source: test, custom: false }
    : await mailTemplateSource(delivery.tenantId, delivery.template, locale)
  let rendered: RenderedMail
  try {
    rendered = await renderMail(wording.source, variables, layout)
  } catch (error) {
    // A tenant's template that fails on real data (it was checked on sample
    // data) must not keep the e-mail from going out: the default words it.
    if (!wording.custom) throw error
    logger.warn(
      { delivery: delivery.key, template: delivery.template, error: (error as Error).message },
      "the tenant's mail template failed, sent with the default"
    )
    rendered = await renderMail(defaultSource(delivery.template, locale), variables, layout)
  }
  const subject = test
    ? i18n.t('mail_templates.test_subject', { subject: rendered.subject })
    : rendered.subject

  delivery.attempts += 1
  try {
    await mail.send((message) => {
      message.to(delivery.recipient).subject(subject).html(rendered.html).text(rendered.text)
      const replyTo = !test && template.replyTo ? template.replyTo(data) : null
      if (replyTo) message.replyTo(replyTo)
      for (const attachment of prepared.attachments) {
        message.attachData(attachment.content, {
          filename: attachment.filename,
          contentType: attachment.contentType,
        })
      }
      if (tenant) message.header('X-Portal-Tenant', tenant.slug)
      message.header('X-Portal-Delivery', delivery.key)
    })
  } catch (error) {
    // Queued again while BullMQ has attempts left; failed after the last (the admin can retry it).
    delivery.status = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) ? 'failed' : 'queued'
    delivery.lastError = (error as Error).message
    await delivery.save()
    throw error
  }

  delivery.status = 'sent'
  delivery.sentAt = DateTime.now()
  delivery.lastError = null
  await delivery.save()
  logger.info({ delivery: delivery.key, template: delivery.template }, 'mail sent')
  return 'sent'
}
