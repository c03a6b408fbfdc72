import { compose } from '@adonisjs/core/helpers'
import { DocumentGrantSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-7: what one person (`user`) or one customer's people (`customer`: the
 * main contacts of its numbers) may do with one document.
 *
 * @spec DOC-7
 */
export default class DocumentGrant extends compose(DocumentGrantSchema, withTenantScope) {}
