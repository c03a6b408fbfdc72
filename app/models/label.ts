import { compose } from '@adonisjs/core/helpers'
import { LabelSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-5: a user's own label (name up to 20 characters, a colour).
 *
 * @spec DOC-5
 */
export default class Label extends compose(LabelSchema, withTenantScope) {}
