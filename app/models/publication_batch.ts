import { compose } from '@adonisjs/core/helpers'
import { PublicationBatchSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-6 / LEASE-5: documents published together. When the batch closes,
 * each recipient gets one e-mail listing all its new documents.
 *
 * @spec DOC-6 LEASE-5
 */
export default class PublicationBatch extends compose(PublicationBatchSchema, withTenantScope) {}
