import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { BaseModel } from '@adonisjs/lucid/orm'
import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * Raised when tenant-owned data is queried with no tenant in scope.
 */
export class MissingTenantScopeError extends Error {
  constructor(table: string) {
    super(
      `Query on "${table}" outside a tenant scope: wrap the code in tenantContext.run(tenantId) ` +
        `or, for platform-level work, tenantContext.runUnscoped(reason)`
    )
    this.name = 'MissingTenantScopeError'
  }
}

/**
 * Narrows a query of a tenant-owned table to the tenant in scope (or
 * refuses it outside a scope): what the mixin below does on every fetch.
 * For `pojo()` queries, which Lucid runs without the fetch hooks.
 */
export function scopeToTenant<Query extends ModelQueryBuilderContract<LucidModel, any>>(
  query: Query
): Query {
  const tenantId = tenantContext.tenantId()
  if (tenantId !== undefined) {
    void query.where(`${query.model.table}.tenant_id`, tenantId)
  } else if (!tenantContext.isUnscoped()) {
    throw new MissingTenantScopeError(query.model.table)
  }
  return query
}

/**
 * Mixin for models whose rows carry `tenant_id`. Every select (find, fetch,
 * paginate) gets `where tenant_id = <current tenant>`; creating a row fills
 * `tenant_id` from the scope and refuses a row of another tenant.
 *
 * Bulk `query().update()` / `.delete()` and `pojo()` queries bypass Lucid's
 * fetch hooks: such code must start from `Model.query()` inside a scope and
 * pass the query through `scopeToTenant()`.
 *
 * @spec TEN-1
 */
export function withTenantScope<Model extends NormalizeConstructor<typeof BaseModel>>(
  superclass: Model
) {
  class TenantScoped extends superclass {
    declare tenantId: number

    static boot() {
      // `booted` is inherited from the schema class: only this class's own flag counts.
      if (Object.hasOwn(this, 'booted') && this.booted) return
      super.boot()

      const scope = (query: ModelQueryBuilderContract<LucidModel>) => {
        void scopeToTenant(query)
      }
      this.before('find', scope as any)
      this.before('fetch', scope as any)
      this.before('paginate', (([countQuery, query]: any[]) => {
        scope(countQuery)
        scope(query)
      }) as any)

      this.before('create', ((row: TenantScoped) => {
        const tenantId = tenantContext.tenantId()
        if (tenantId === undefined) {
          if (!tenantContext.isUnscoped()) throw new MissingTenantScopeError(this.table)
          return
        }
        if (row.tenantId === undefined || row.tenantId === null) row.tenantId = tenantId
        if (row.tenantId !== tenantId) {
          throw new Error(
            `Refusing to create a ${this.name} of tenant ${row.tenantId} in tenant ${tenantId}`
          )
        }
      }) as any)
    }
  }
  return TenantScoped
}
