import factory from '@adonisjs/lucid/factories'
import Tenant from '#models/tenant'
import { TenantResolver } from '#tenancy/tenant_resolver'

let sequence = 0

/**
 * A tenant (TEN-1) with a unique slug (tests share one database and the
 * resolver's cache), English by default, with the default colours and a
 * five-day invitation period. Tenants are platform rows: no scope needed.
 *
 * ```ts
 * const tenant = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
 * ```
 */
export const TenantFactory = factory
  .define(Tenant, () => {
    sequence += 1
    const slug = `t${Date.now().toString(36)}${sequence}`
    return {
      slug,
      name: `Tenant ${slug}`,
      defaultLocale: 'en' as const,
      primaryColor: '#1d4ed8',
      secondaryColor: '#0f766e',
      invitationTtlSeconds: 5 * 24 * 3600,
    }
  })
  .after('create', async (_, tenant) => {
    // The whole row, with the columns the database filled (seat limit, upload limits...),
    // as the app would load it: tests hand this tenant to actions and services.
    await tenant.refresh()
    // A host the resolver remembered as unknown (or as an earlier tenant's) must resolve afresh.
    TenantResolver.flush()
  })
  .build()
