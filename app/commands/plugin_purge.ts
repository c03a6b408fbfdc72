import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import type Tenant from '#models/tenant'
import { purgeAll, purgeTenant } from '#plugins/data'

/**
 * `node ace plugin:purge <plugin> --tenant <slug>`: deletes the plugin's data
 * of one tenant (and its settings there). `--all`: of every tenant, then
 * drops the plugin's tables and forgets its migrations (also once the
 * plugin's folder is gone). Asks for confirmation unless `--force`.
 */
export default class PluginPurge extends TenantCommand {
  static commandName = 'plugin:purge'
  static description = "Delete a plugin's data for one tenant (--tenant) or everywhere (--all)"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Plugin id' })
  declare plugin: string

  @flags.string({ description: 'Tenant slug' })
  declare tenant?: string

  @flags.boolean({ description: "Every tenant, then the plugin's tables" })
  declare all?: boolean

  @flags.boolean({ description: 'Do not ask for confirmation' })
  declare force?: boolean

  async run() {
    if (!/^[a-z][a-z0-9]{1,30}$/.test(this.plugin)) {
      this.logger.error(`"${this.plugin}" is not a plugin id`)
      this.exitCode = 1
      return
    }
    if (!!this.tenant === !!this.all) {
      this.logger.error('Give either --tenant <slug> or --all')
      this.exitCode = 1
      return
    }
    let tenant: Tenant | null = null
    if (this.tenant) {
      tenant = await this.tenantOrExit(this.tenant)
      if (!tenant) return
    }
    const scope = tenant ? `tenant "${tenant.slug}"` : 'every tenant, and its tables'
    if (
      !this.force &&
      !(await this.prompt.confirm(`Delete the data of "${this.plugin}" for ${scope}?`))
    ) {
      this.logger.info('Nothing deleted')
      return
    }
    if (tenant) {
      const rows = await purgeTenant(this.plugin, tenant.id)
      this.logger.success(
        `Plugin "${this.plugin}": ${rows} row(s) of tenant "${tenant.slug}" deleted`
      )
    } else {
      const { tables } = await purgeAll(this.plugin)
      this.logger.success(
        `Plugin "${this.plugin}": data of every tenant deleted, tables dropped: ${tables.join(', ') || 'none'}`
      )
    }
  }
}
