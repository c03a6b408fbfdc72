import { compose } from '@adonisjs/core/helpers'
import { EmailChangeSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * A requested change of a user's main e-mail, waiting for the new address
 * to confirm (IAM-6).
 *
 * @spec IAM-6
 */
export default class EmailChange extends compose(EmailChangeSchema, withTenantScope) {}
