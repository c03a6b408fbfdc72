import { compose } from '@adonisjs/core/helpers'
import { PluginSecretSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One version of a secret a plugin keeps for a tenant (value encrypted).
 *
 * @spec TEN-2
 */
export default class PluginSecret extends compose(PluginSecretSchema, withTenantScope) {}
