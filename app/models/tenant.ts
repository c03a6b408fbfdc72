import { TenantSchema } from '#database/schema'
import tenancyConfig from '#config/tenancy'
import { appUrl } from '#config/app'

/**
 * A portal operator. Reached on `<slug>.<TENANT_BASE_DOMAIN>` and, once its
 * admin sets one, on its own custom host.
 *
 * @spec TEN-1
 */
export default class Tenant extends TenantSchema {
  /**
   * The host this tenant's links point to: its custom host, else the subdomain.
   */
  get primaryHost(): string {
    return this.customHost ?? `${this.slug}.${tenancyConfig.baseDomain}`
  }

  /** IAM-9: the self-registration styles this portal offers. */
  get registrationOptions(): ('activation_code' | 'customer_email')[] {
    return this.registrationStyles
      .split(',')
      .map((style) => style.trim())
      .filter((style): style is 'activation_code' | 'customer_email' =>
        ['activation_code', 'customer_email'].includes(style)
      )
  }

  /** ACC-1: whether a customer number has the tenant's format (any 3 to 40 letters and digits when none is set). */
  acceptsCustomerNumber(number: string): boolean {
    if (!/^[A-Z0-9-]{3,40}$/.test(number)) return false
    return this.customerNumberPattern ? new RegExp(this.customerNumberPattern).test(number) : true
  }

  /**
   * Absolute URL on the tenant's own host, keeping APP_URL's protocol and port.
   */
  url(path: string): string {
    const base = new URL(appUrl)
    base.hostname = this.primaryHost
    return new URL(path, base).toString()
  }
}
