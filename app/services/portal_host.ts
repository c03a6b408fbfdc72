/** @spec TEN-1 */
import { domainToASCII } from 'node:url'
import { parse } from 'tldts'
import tenancyConfig from '#config/tenancy'
import { opsHost } from '#services/ops_host'
import Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'

/** Why a portal host was refused; each is a message in resources/lang/<locale>/settings.json. */
export type PortalHostProblem =
  'format' | 'has_path' | 'ip_address' | 'unknown_suffix' | 'platform_domain' | 'taken'

export type PortalHostCheck =
  { ok: true; host: string | null } | { ok: false; problem: PortalHostProblem }

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`)

/**
 * What an admin typed, as a host: forgiving about what a browser's address
 * bar shows (`https://`, a trailing slash or dot, capitals, accents), strict
 * about anything else (a path, a port, a user name).
 */
export function normalizePortalHost(
  input: string
): { host: string } | { problem: 'format' | 'has_path' } {
  let value = input.trim().toLowerCase()
  value = value
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '')
    .replace(/\.$/, '')
  if (/[/?#]/.test(value)) return { problem: 'has_path' }
  if (/[@:\s]/.test(value)) return { problem: 'format' }
  const ascii = domainToASCII(value)
  if (!ascii || !HOST.test(ascii)) return { problem: 'format' }
  return { host: ascii }
}

/**
 * TEN-1: checks the host a tenant's admin wants the portal on. It must be a
 * well-formed name under a real public suffix (`.be`, `.com`, `.co.uk`…, not
 * an IP address or an invented ending), outside the platform's own domain
 * (whose subdomains are the tenants' slugs), and not used by another tenant.
 * An empty value removes the custom host: the portal stays on its subdomain.
 */
export async function checkPortalHost(
  input: string | null | undefined,
  tenant: Tenant
): Promise<PortalHostCheck> {
  if (!input || !input.trim()) return { ok: true, host: null }
  const normalized = normalizePortalHost(input)
  if ('problem' in normalized) return { ok: false, problem: normalized.problem }
  const host = normalized.host

  const base = tenancyConfig.baseDomain
  if (host === base || host.endsWith(`.${base}`) || host === opsHost) {
    return { ok: false, problem: 'platform_domain' }
  }

  const parsed = parse(host)
  if (parsed.isIp) return { ok: false, problem: 'ip_address' }
  if (!parsed.isIcann || !parsed.domain || parsed.domain === parsed.publicSuffix) {
    return { ok: false, problem: 'unknown_suffix' }
  }

  const other = await tenantContext.runUnscoped('portal host uniqueness', () =>
    Tenant.query()
      .where('custom_host', host)
      .if(tenant.$isPersisted, (query) => query.whereNot('id', tenant.id))
      .first()
  )
  if (other) return { ok: false, problem: 'taken' }
  return { ok: true, host }
}
