import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * IAM-10: the tenant's staff manage portal (customer) accounts; nobody
 * manages staff accounts from this page.
 *
 * @spec IAM-10
 */
export default class PortalUserPolicy extends BasePolicy {
  viewAny(user: User): AuthorizerResponse {
    return user.isStaff
  }

  manage(user: User, target: User): AuthorizerResponse {
    return user.isStaff && target.role === 'customer' && target.tenantId === user.tenantId
  }
}
