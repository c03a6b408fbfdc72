import { TenantSchema } from '#database/schema'
import env from '#start/env'

/**
 * A portal operator. Reached on `<slug>.<TENANT_BASE_DOMAIN>` and, once its
 * admin sets one, on its own custom host.
 */
export default class Tenant extends TenantSchema {
  /**
   * The host this tenant's links point to: its custom host, else the subdomain.
   */
  get primaryHost(): string {
    return this.customHost ?? `${this.slug}.${env.get('TENANT_BASE_DOMAIN')}`
  }

  /**
   * Absolute URL on the tenant's own host, keeping APP_URL's protocol and port.
   */
  url(path: string): string {
    const base = new URL(env.get('APP_URL'))
    base.hostname = this.primaryHost
    return new URL(path, base).toString()
  }
}
