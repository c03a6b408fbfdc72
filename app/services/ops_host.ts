import tenancyConfig from '#config/tenancy'

/**
 * The operator host: `OPS_HOST`, else `ops.<TENANT_BASE_DOMAIN>` (e.g.
 * ops.localhost). Its routes are the only ones that answer on it, and no
 * tenant may take it (slug `ops`, custom host).
 *
 * @spec OPS-1
 */
export const opsHost = tenancyConfig.opsHost

/** Tenant slugs that would collide with the platform's own hosts. */
export const RESERVED_SLUGS = ['ops', 'www', 'api', 'admin', 'mail'] as const
