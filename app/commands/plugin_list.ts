import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry } from '#plugins/registry'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * `node ace plugin:list [--tenant <slug>]`: installed plugins, and for a
 * tenant whether each is enabled.
 *
 * @spec TEN-2
 */
export default class PluginList extends TenantCommand {
  static commandName = 'plugin:list'
  static description = 'List installed plugins (and their state for a tenant)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Tenant slug: show whether each plugin is enabled for it' })
  declare tenant?: string

  async run() {
    const registry = await this.app.container.make(PluginRegistry)
    const enabled = new Map<string, boolean>()
    if (this.tenant) {
      const tenant = await this.tenantOrExit(this.tenant!)
      if (!tenant) return
      const rows = await tenantContext.run(tenant.id, () => TenantPlugin.query())
      for (const row of rows) enabled.set(row.pluginId, row.enabled)
    }

    const table = this.ui.table()
    table.head(
      this.tenant
        ? ['Plugin', 'Version', 'Name', 'Enabled']
        : ['Plugin', 'Version', 'Name', 'Folder']
    )
    for (const plugin of registry.all()) {
      table.row([
        plugin.id,
        plugin.manifest.version,
        plugin.manifest.name.en,
        this.tenant ? (enabled.get(plugin.id) ? 'yes' : 'no') : plugin.folder,
      ])
    }
    if (registry.all().length === 0) this.logger.info('No plugins installed')
    else table.render()
  }
}
