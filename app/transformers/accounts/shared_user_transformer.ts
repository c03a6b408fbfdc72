import { BaseTransformer } from '@adonisjs/core/transformers'
import type CustomerNumberShare from '#models/customer_number_share'
import type SharedUser from '#models/shared_user'

/**
 * A person a main contact shares customer numbers with (ACC-3), and which
 * of the owner's numbers are ticked for them (needs `user` loaded; `shares`
 * are the owner's shares, of everyone).
 *
 * @spec ACC-3
 */
export default class SharedUserTransformer extends BaseTransformer<SharedUser> {
  constructor(
    link: SharedUser,
    protected shares: CustomerNumberShare[]
  ) {
    super(link)
  }

  toObject() {
    const user = this.resource.user
    return {
      ...this.pick(user, ['id', 'email', 'firstName', 'lastName', 'locale', 'status']),
      numberIds: this.shares
        .filter((share) => share.userId === this.resource.userId)
        .map((share) => share.customerNumberId),
    }
  }
}
