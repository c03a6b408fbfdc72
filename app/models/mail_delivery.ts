import { MailDeliverySchema } from '#database/schema'

/**
 * One e-mail the platform owes somebody, keyed for idempotency: the mail job
 * looks here before sending, so a retried job never sends twice.
 */
export default class MailDelivery extends MailDeliverySchema {}
