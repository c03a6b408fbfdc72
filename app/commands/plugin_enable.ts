import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import {
  InvalidPluginSettingsException,
  PluginService,
  UnknownPluginException,
} from '#plugins/plugin_service'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * `node ace plugin:enable <plugin> --tenant <slug> [--settings '<json>']`.
 * Settings are validated against the plugin's schema; nothing is stored
 * when they are invalid.
 *
 * @spec TEN-2
 */
export default class PluginEnable extends TenantCommand {
  static commandName = 'plugin:enable'
  static description = 'Enable a plugin for a tenant'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Plugin id' })
  declare plugin: string

  @flags.string({ description: 'Tenant slug', required: true })
  declare tenant: string

  @flags.string({ description: 'Settings as a JSON object (validated against the plugin schema)' })
  declare settings?: string

  async run() {
    const tenant = await this.tenantOrExit(this.tenant)
    if (!tenant) return

    let settings: Record<string, unknown> | undefined
    if (this.settings !== undefined) {
      try {
        settings = JSON.parse(this.settings)
      } catch (error) {
        this.logger.error(`--settings is not valid JSON: ${(error as Error).message}`)
        this.exitCode = 1
        return
      }
    }

    const service = await this.app.container.make(PluginService)
    try {
      await tenantContext.run(tenant.id, () => service.enable(this.plugin, settings))
    } catch (error) {
      if (error instanceof InvalidPluginSettingsException) {
        this.logger.error(`Settings of "${this.plugin}" refused:`)
        for (const fieldError of error.errors)
          this.logger.error(`  ${fieldError.field}: ${fieldError.message}`)
        this.exitCode = 1
        return
      }
      if (error instanceof UnknownPluginException) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
    this.logger.success(`Plugin "${this.plugin}" enabled for tenant "${tenant.slug}"`)
  }
}
