/**
 * Tenancy (TEN-1): every tenant-owned query and insert runs inside a
 * tenant's scope, and the scope is the one source of the tenant. A request
 * already runs in its tenant's scope; a job, an activity or a command opens
 * it with `tenantContext.run(tenantId, work)`. A tenant-owned model composes
 * `withTenantScope` (#core/database): it then sees only the scope's rows and
 * fills `tenant_id` itself on create, so code never passes `tenantId` to a
 * create. A `Tenant` is loaded only to read its settings (name, languages,
 * branding).
 *
 * @spec TEN-1
 */
export { tenantContext } from '#tenancy/tenant_context'
export type { default as Tenant } from '#models/tenant'
export { default as tenancyConfig } from '#config/tenancy'
