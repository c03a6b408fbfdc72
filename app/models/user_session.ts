import { compose } from '@adonisjs/core/helpers'
import { UserSessionSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One login of a user (a browser): open until logout, the user or staff end
 * it, or it passes the tenant's idle or absolute limit. The session cookie
 * holds the key whose SHA-256 is `keyHash`.
 *
 * @spec IAM-1
 */
export default class UserSession extends compose(UserSessionSchema, withTenantScope) {}
