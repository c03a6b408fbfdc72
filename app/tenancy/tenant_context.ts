import { AsyncLocalStorage } from 'node:async_hooks'

type Scope = { tenantId: number } | { unscoped: true; reason: string }

const storage = new AsyncLocalStorage<Scope>()

/**
 * A Lucid query builder is a lazy thenable: returned as is, it would run when
 * the caller awaits it, outside the scope. Starting it here keeps the scope.
 */
function settle<T>(result: T): T {
  if (result && typeof (result as any).then === 'function' && !(result instanceof Promise)) {
    return Promise.resolve(result) as T
  }
  return result
}

/**
 * The tenant whose data the current code may touch.
 *
 * The tenant middleware runs each request inside `run(tenant.id)`; workers run
 * each job and activity the same way. Models that own tenant data read it to
 * scope every query (see `withTenantScope`), so forgetting a `where tenant_id`
 * cannot leak another tenant's rows. Platform-level code (resolving the tenant
 * from a host, seeders, operator commands) says so with `runUnscoped(reason)`.
 *
 * @spec TEN-1
 */
export const tenantContext = {
  run<T>(tenantId: number, fn: () => T): T {
    return storage.run({ tenantId }, () => settle(fn()))
  },

  runUnscoped<T>(reason: string, fn: () => T): T {
    return storage.run({ unscoped: true, reason }, () => settle(fn()))
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
