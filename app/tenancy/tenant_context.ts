import { AsyncLocalStorage } from 'node:async_hooks'

type Scope = { tenantId: number } | { unscoped: true; reason: string }

const storage = new AsyncLocalStorage<Scope>()

/**
 * The tenant whose data the current code may touch.
 *
 * The tenant middleware runs each request inside `run(tenant.id)`; workers run
 * each job and activity the same way. Models that own tenant data read it to
 * scope every query (see `withTenantScope`), so forgetting a `where tenant_id`
 * cannot leak another tenant's rows. Platform-level code (resolving the tenant
 * from a host, seeders, operator commands) says so with `runUnscoped(reason)`.
 */
export const tenantContext = {
  run<T>(tenantId: number, fn: () => T): T {
    return storage.run({ tenantId }, fn)
  },

  runUnscoped<T>(reason: string, fn: () => T): T {
    return storage.run({ unscoped: true, reason }, fn)
  },

  /** The tenant id, or undefined outside a tenant scope. */
  tenantId(): number | undefined {
    const scope = storage.getStore()
    return scope && 'tenantId' in scope ? scope.tenantId : undefined
  },

  isUnscoped(): boolean {
    const scope = storage.getStore()
    return !!scope && 'unscoped' in scope
  },
}
