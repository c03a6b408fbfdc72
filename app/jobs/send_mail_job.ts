import type { Job } from 'bullmq'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import encryption from '@adonisjs/core/services/encryption'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import MailDelivery from '#models/mail_delivery'
import Tenant from '#models/tenant'
import { isMailTemplate, mailTemplates } from '#mails/templates'
import type { MailJobData } from '#services/mail_outbox'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * Sends one e-mail of the outbox over SMTP, in the recipient's language, with
 * the tenant's name and colours. A delivery already sent is skipped, so a
 * retried or duplicated job never sends twice.
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

  const template = mailTemplates[delivery.template]
  const data = encryption.decrypt<Record<string, unknown>>(delivery.payload)
  if (!data)
    throw new Error(`Cannot decrypt the payload of delivery ${delivery.id} (APP_KEY changed?)`)

  const tenant = delivery.tenantId
    ? await tenantContext.runUnscoped('mail job', () => Tenant.find(delivery.tenantId))
    : null
  const i18n = i18nManager.locale(delivery.locale)
  const prepared =
    'prepare' in template && delivery.tenantId
      ? await tenantContext.run(delivery.tenantId, () => template.prepare(data, tenant))
      : { view: {}, attachments: [] }
  const viewData = {
    ...data,
    ...prepared.view,
    tenantName: tenant?.name ?? '',
    primaryColor: tenant?.primaryColor ?? '#1d4ed8',
    locale: delivery.locale,
    i18n,
  }

  delivery.attempts += 1
  try {
    await mail.send((message) => {
      message
        .to(delivery.recipient)
        .subject(template.subject(i18n, viewData))
        .htmlView(template.view, viewData)
        .textView(`${template.view}_text`, viewData)
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
    delivery.status = 'queued'
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
