import env from '#start/env'

/**
 * Where tenants live (TEN-1, TEN-2): `<slug>.<baseDomain>` reaches tenant
 * <slug>, a tenant may add its own host, and the operators' host belongs to
 * no tenant. App code reads these values here, never `#start/env`.
 *
 * @spec TEN-1 OPS-1
 */
const baseDomain = env.get('TENANT_BASE_DOMAIN').toLowerCase()

const tenancyConfig = {
  /** Host suffix of every tenant's subdomain (`demo.<baseDomain>`). */
  baseDomain,
  /** The operators' host (queues, workflows): by default `ops.<baseDomain>`. */
  opsHost: (env.get('OPS_HOST') ?? `ops.${baseDomain}`).toLowerCase(),
}

export default tenancyConfig
