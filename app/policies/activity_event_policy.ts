import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * TEN-9: the tenant's staff read the whole activity log; everybody reads
 * the events of their own account.
 *
 * @spec TEN-9
 */
export default class ActivityEventPolicy extends BasePolicy {
  viewTenantLog(user: User): AuthorizerResponse {
    return user.isStaff
  }
}
