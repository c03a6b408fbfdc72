import env from '#start/env'

/**
 * The operator host: `OPS_HOST`, else `ops.<TENANT_BASE_DOMAIN>` (e.g.
 * ops.localhost). Its routes are the only ones that answer on it, and no
 * tenant may take it (slug `ops`, custom host).
 */
export const opsHost = (env.get('OPS_HOST') ?? `ops.${env.get('TENANT_BASE_DOMAIN')}`).toLowerCase()

/** Tenant slugs that would collide with the platform's own hosts. */
export const RESERVED_SLUGS = ['ops', 'www', 'api', 'admin', 'mail'] as const
