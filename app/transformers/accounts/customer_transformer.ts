import { BaseTransformer } from '@adonisjs/core/transformers'
import type Customer from '#models/customer'
import CustomerNumberTransformer from '#transformers/accounts/customer_number_transformer'

/**
 * A customer for staff (ACC-1, DOC-9): its numbers with their main
 * contacts (`numbers.mainContact` preloaded) and its responsible manager;
 * `toReference` is the customer named in the activity log's filter.
 *
 * @spec ACC-1 DOC-9 TEN-9
 */
export default class CustomerTransformer extends BaseTransformer<Customer> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'name', 'managerId']),
      numbers: CustomerNumberTransformer.transform(this.resource.numbers),
    }
  }

  toReference() {
    return this.pick(this.resource, ['id', 'name'])
  }
}
