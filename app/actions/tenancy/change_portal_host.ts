import type { I18n } from '@adonisjs/i18n'
import type Tenant from '#models/tenant'
import tenancyConfig from '#config/tenancy'
import { fieldError } from '#exceptions/user_facing_exception'
import { checkPortalHost } from '#services/portal_host'
import { TenantResolver } from '#tenancy/tenant_resolver'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

/**
 * TEN-1: the portal's own host, checked (format, public suffix, not the
 * platform's domain, not another tenant's) before it is stored; the tenant
 * answers on it at once. An empty value goes back to the subdomain only.
 * A refused host is a validation error on `customHost` and stores nothing.
 *
 * @spec TEN-1
 */
export class ChangePortalHost {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async handle(customHost: string | null | undefined, by: SettingsActor): Promise<string | null> {
    const check = await checkPortalHost(customHost, this.tenant)
    if (!check.ok) {
      throw fieldError(
        'customHost',
        this.i18n.t(`settings.host.${check.problem}`, { base: tenancyConfig.baseDomain })
      )
    }
    const previous = this.tenant.customHost
    this.tenant.customHost = check.host
    await this.tenant.save()
    TenantResolver.flush()
    await recordSettingsChange(by, 'address', { from: previous, to: check.host })
    return check.host
  }
}
