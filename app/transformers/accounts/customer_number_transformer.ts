import { BaseTransformer } from '@adonisjs/core/transformers'
import type CustomerNumber from '#models/customer_number'

/**
 * A customer number on the staff's customer pages (ACC-1): its main
 * contact (e-mail and account state) and its contact address for notices.
 * `mainContact` is preloaded.
 *
 * @spec ACC-1
 */
export default class CustomerNumberTransformer extends BaseTransformer<CustomerNumber> {
  toObject() {
    const number = this.resource
    return {
      ...this.pick(number, ['id', 'number', 'contactEmail']),
      mainContact: number.mainContact?.email ?? null,
      mainContactStatus: number.mainContact?.status ?? null,
    }
  }
}
