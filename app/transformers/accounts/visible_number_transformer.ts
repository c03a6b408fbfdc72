import { BaseTransformer } from '@adonisjs/core/transformers'
import type { VisibleNumber } from '#actions/accounts/customer_access'

/**
 * A customer number the user reaches (ACC-2): as its main contact or
 * shared with them, and how its new documents are announced (DOC-6).
 *
 * @spec ACC-2 DOC-6
 */
export default class VisibleNumberTransformer extends BaseTransformer<VisibleNumber> {
  toObject() {
    return this.pick(this.resource, ['id', 'number', 'customer', 'access', 'notifyMode'])
  }
}
