import { compose } from '@adonisjs/core/helpers'
import { TenantPluginSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * A plugin's state for one tenant: enabled or not, and its settings.
 *
 * @spec TEN-2
 */
export default class TenantPlugin extends compose(TenantPluginSchema, withTenantScope) {
  get settingsObject(): Record<string, unknown> {
    return JSON.parse(this.settings || '{}')
  }
}
