import tenancyConfig from '#config/tenancy'
import Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'

type Entry = { tenant: Tenant | null; expiresAt: number }

/**
 * Finds the tenant a request host belongs to: `<slug>.<TENANT_BASE_DOMAIN>`
 * by slug, any other host by the tenant's custom host.
 *
 * Answers are cached in the process for a few seconds: every request needs
 * the tenant, and a changed host taking five seconds to reach every replica
 * is acceptable.
 *
 * @spec TEN-1
 */
export class TenantResolver {
  static ttlMs = 5000
  static #cache = new Map<string, Entry>()

  /**
   * The host without port, lower-cased; null for a malformed Host header.
   */
  static normalizeHost(host: string | undefined | null): string | null {
    if (!host) return null
    const withoutPort = host.trim().toLowerCase().replace(/:\d+$/, '')
    if (!/^[a-z0-9.-]{1,253}$/.test(withoutPort)) return null
    return withoutPort
  }

  static async resolve(rawHost: string | undefined | null): Promise<Tenant | null> {
    const host = this.normalizeHost(rawHost)
    if (!host) return null

    const cached = this.#cache.get(host)
    if (cached && cached.expiresAt > Date.now()) return cached.tenant

    const tenant = await tenantContext.runUnscoped('resolve the tenant of a host', () =>
      this.lookup(host)
    )
    if (this.#cache.size > 10_000) this.#cache.clear()
    this.#cache.set(host, { tenant, expiresAt: Date.now() + this.ttlMs })
    return tenant
  }

  static async lookup(host: string): Promise<Tenant | null> {
    const suffix = `.${tenancyConfig.baseDomain}`
    if (host.endsWith(suffix)) {
      const slug = host.slice(0, -suffix.length)
      if (slug && !slug.includes('.')) {
        return Tenant.findBy('slug', slug)
      }
    }
    return Tenant.findBy('custom_host', host)
  }

  /**
   * Forget cached answers (after a tenant's host or slug changes, in tests).
   */
  static flush() {
    this.#cache.clear()
  }
}
