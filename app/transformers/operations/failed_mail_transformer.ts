import { BaseTransformer } from '@adonisjs/core/transformers'
import type { I18n } from '@adonisjs/i18n'
import type MailDelivery from '#models/mail_delivery'
import { isMailTemplate } from '#mails/templates'
import { readableError } from '#services/readable_error'

/**
 * An e-mail that could not be delivered after every attempt, on the
 * tenant's problems page (OPS-1): which e-mail (named in the admin's
 * language), to whom, how often tried, the last error.
 *
 * @spec OPS-1
 */
export default class FailedMailTransformer extends BaseTransformer<MailDelivery> {
  constructor(
    delivery: MailDelivery,
    protected i18n: I18n
  ) {
    super(delivery)
  }

  toObject() {
    const delivery = this.resource
    return {
      id: delivery.id,
      template: isMailTemplate(delivery.template)
        ? this.i18n.t(`mail_templates.names.${delivery.template}`)
        : delivery.template,
      recipient: delivery.recipient,
      attempts: delivery.attempts,
      error: readableError(delivery.lastError),
      at: delivery.updatedAt.toISO(),
    }
  }
}
