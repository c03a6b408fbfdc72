import { compose, withTenantScope } from '#core/database'
import { UtilityInvoiceSchema } from '../../database/schema.js'

/**
 * An invoice of a contract; its PDF is a core document.
 *
 * @spec UTIL-6
 */
export default class Invoice extends compose(UtilityInvoiceSchema, withTenantScope) {
  static table = 'utility_invoices'

  declare status: 'open' | 'paid' | 'awaiting_payment_processing'
}
