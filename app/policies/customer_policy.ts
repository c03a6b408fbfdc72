import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * ACC-1 / IAM-9, the staff side: the tenant's people keep the customers and
 * their numbers, and issue activation codes.
 *
 * @spec ACC-1 IAM-9
 */
export default class CustomerPolicy extends BasePolicy {
  manage(user: User): AuthorizerResponse {
    return user.isStaff
  }
}
