import { compose } from '@adonisjs/core/helpers'
import { DownloadSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-4: one ZIP of selected documents and its progress.
 *
 * @spec DOC-4
 */
export default class Download extends compose(DownloadSchema, withTenantScope) {
  /** The selected document ids. */
  selection(): number[] {
    return JSON.parse(this.documentIds) as number[]
  }
}
