import { compose } from '@adonisjs/core/helpers'
import { CategorySchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

type Option = { id: number; name: string }

/** Category choices per tenant, kept a few seconds: every list page shows them. */
const options = new Map<number, { expiresAt: number; value: Promise<Option[]> }>()
const OPTIONS_TTL_MS = 10_000

/**
 * A document category of the tenant (DOC-8, DOC-10): only staff classify.
 *
 * @spec DOC-8 DOC-10
 */
export default class Category extends compose(CategorySchema, withTenantScope) {
  /** The tenant's categories by name, for filters and pickers (current tenant scope). */
  static options(tenantId: number): Promise<Option[]> {
    const cached = options.get(tenantId)
    if (cached && cached.expiresAt > Date.now()) return cached.value
    const value = this.query()
      .orderBy('name')
      .select('id', 'name')
      .then((rows) => rows.map((row) => ({ id: row.id, name: row.name })))
    options.set(tenantId, { expiresAt: Date.now() + OPTIONS_TTL_MS, value })
    value.catch(() => options.delete(tenantId))
    return value
  }

  /** After a category is added, renamed or deleted in this process. */
  static forgetOptions(tenantId: number) {
    options.delete(tenantId)
  }
}
