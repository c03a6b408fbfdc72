import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * Who may see and send invitations: the tenant's admins.
 *
 * @spec IAM-8
 */
export default class InvitationPolicy extends BasePolicy {
  viewAny(user: User): AuthorizerResponse {
    return user.isAdmin
  }

  create(user: User): AuthorizerResponse {
    return user.isAdmin
  }
}
