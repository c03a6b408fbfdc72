import { compose } from '@adonisjs/core/helpers'
import { DocumentEventSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-3: one view or download of a document (its history).
 *
 * @spec DOC-3
 */
export default class DocumentEvent extends compose(DocumentEventSchema, withTenantScope) {}
