import type {
  FactoryBuilderContract,
  FactoryBuilderQueryContract,
} from '@adonisjs/lucid/types/factory'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { tenantContext } from '#tenancy/tenant_context'

type AnyBuilder = FactoryBuilderContract<LucidModel, any>

/** The builder methods that build rows: they run inside the scope. */
const BUILDING = ['make', 'makeMany', 'makeStubbed', 'makeStubbedMany', 'create', 'createMany']

/**
 * Adds `for(tenant)` to the factory of a tenant-owned model (TEN-1): the
 * rows are made and saved inside `tenantContext.run(tenant.id)`, as the app
 * does for every request and job, so the model's tenant scope fills
 * `tenant_id` and refuses a row of another tenant. Relations built with
 * `.with(...)` are created in the same scope.
 *
 * ```ts
 * const admin = await UserFactory.for(tenant).apply('admin').create()
 * ```
 *
 * Without `for(tenant)` the factory only works inside a scope the caller
 * opened (outside one, the model refuses to save: MissingTenantScopeError).
 */
export function tenantOwned<Factory extends FactoryBuilderQueryContract<LucidModel, any>>(
  factory: Factory
): Factory & { for(tenant: { id: number }): ReturnType<Factory['query']> } {
  return Object.assign(factory, {
    for(tenant: { id: number }) {
      // Lucid's chainable methods return the same builder: wrapping its
      // building methods once covers the whole chain.
      const builder = factory.query() as AnyBuilder & Record<string, any>
      for (const name of BUILDING) {
        const build = builder[name].bind(builder)
        builder[name] = (...args: unknown[]) => tenantContext.run(tenant.id, () => build(...args))
      }
      return builder as ReturnType<Factory['query']>
    },
  })
}
