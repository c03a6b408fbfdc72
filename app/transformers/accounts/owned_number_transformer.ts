import { BaseTransformer } from '@adonisjs/core/transformers'
import type CustomerNumber from '#models/customer_number'

/**
 * A customer number its main contact may share (ACC-3), with the
 * customer's name (needs `customer` loaded).
 *
 * @spec ACC-3
 */
export default class OwnedNumberTransformer extends BaseTransformer<CustomerNumber> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'number']),
      customer: this.resource.customer.name,
    }
  }
}
