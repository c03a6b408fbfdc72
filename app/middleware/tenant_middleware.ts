import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Tenant from '#models/tenant'
import { TenantResolver } from '#tenancy/tenant_resolver'
import { tenantContext } from '#tenancy/tenant_context'
import { UnknownTenantException } from '#exceptions/unknown_tenant_exception'

/**
 * Finds the tenant from the request's Host header and runs the rest of the
 * request inside that tenant's scope. An unknown host answers 404.
 *
 * @spec TEN-1
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const tenant = await TenantResolver.resolve(ctx.request.host())
    if (!tenant) {
      throw new UnknownTenantException()
    }
    ctx.tenant = tenant
    ctx.logger = ctx.logger.child({ tenant: tenant.slug })
    return tenantContext.run(tenant.id, () => next())
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    tenant: Tenant
  }
}
