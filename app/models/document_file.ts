import { compose } from '@adonisjs/core/helpers'
import { DocumentFileSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One stored file of a document, under a generated key, with its SHA-256.
 *
 * @spec DOC-1
 */
export default class DocumentFile extends compose(DocumentFileSchema, withTenantScope) {}
