import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import { PluginService, UnknownPluginException } from '#plugins/plugin_service'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * `node ace plugin:disable <plugin> --tenant <slug>`: the plugin's routes
 * answer 404 for that tenant from then on; its settings are kept.
 *
 * @spec TEN-2
 */
export default class PluginDisable extends TenantCommand {
  static commandName = 'plugin:disable'
  static description = 'Disable a plugin for a tenant (settings are kept)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Plugin id' })
  declare plugin: string

  @flags.string({ description: 'Tenant slug', required: true })
  declare tenant: string

  async run() {
    const tenant = await this.tenantOrExit(this.tenant)
    if (!tenant) return
    const service = await this.app.container.make(PluginService)
    try {
      await tenantContext.run(tenant.id, () => service.disable(this.plugin))
    } catch (error) {
      if (error instanceof UnknownPluginException) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
    this.logger.success(`Plugin "${this.plugin}" disabled for tenant "${tenant.slug}"`)
  }
}
