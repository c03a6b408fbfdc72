import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import { customerAccess } from '#actions/accounts/customer_access'

/**
 * ACC-2: only a main contact (of at least one customer number) manages
 * shared users; which numbers they may tick is checked by the action.
 *
 * @spec ACC-2
 */
export default class SharingPolicy extends BasePolicy {
  async manage(user: User): Promise<AuthorizerResponse> {
    return user.role === 'customer' && (await customerAccess.isMainContact(user))
  }
}
