import { randomUUID } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MailDelivery from '#models/mail_delivery'
import { CORE_QUEUES, queue } from '#jobs/queues'
import type { Locale } from '#services/locale'

/**
 * An e-mail the platform owes somebody.
 */
export interface OutgoingMail {
  /** Idempotency key: one e-mail per key, ever (e.g. `invitation.12`). */
  key: string
  tenantId: number | null
  /** A template of app/mails/templates.ts */
  template: string
  to: string
  locale: Locale
  data: Record<string, unknown>
}

export interface MailJobData {
  deliveryId: number
}

/**
 * The transactional outbox for e-mail: a delivery row (with its data
 * encrypted) is written in the caller's transaction, then a mail job that
 * carries only the row's id is queued. The job sends and marks the row sent;
 * a retried job or a re-dispatch finds it sent and stops. Nothing secret
 * sits in Redis or in Temporal's history.
 */
export class MailOutbox {
  async find(key: string): Promise<MailDelivery | null> {
    return MailDelivery.findBy('key', key)
  }

  /**
   * Writes the delivery row (or returns the existing one for the key).
   */
  async record(mail: OutgoingMail, trx?: TransactionClientContract): Promise<MailDelivery> {
    const existing = await MailDelivery.query({ client: trx }).where('key', mail.key).first()
    if (existing) return existing
    return MailDelivery.create(
      {
        key: mail.key,
        jobId: randomUUID(),
        tenantId: mail.tenantId,
        template: mail.template,
        recipient: mail.to,
        locale: mail.locale,
        payload: encryption.encrypt(mail.data),
        status: 'queued',
        attempts: 0,
      },
      { client: trx }
    )
  }

  /**
   * Queues the mail job of a delivery; the job id makes a second dispatch of
   * the same delivery a no-op while the first job is known to BullMQ.
   */
  async dispatch(delivery: MailDelivery): Promise<void> {
    if (delivery.status === 'sent') return
    await queue(CORE_QUEUES.mail).add('send', { deliveryId: delivery.id } satisfies MailJobData, {
      jobId: `mail-${delivery.jobId}`,
    })
  }

  /**
   * Records and dispatches in one go (no surrounding transaction).
   */
  async send(mail: OutgoingMail): Promise<MailDelivery> {
    const delivery = await this.record(mail)
    await this.dispatch(delivery)
    return delivery
  }
}
