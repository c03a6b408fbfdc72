import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { PluginRegistry } from '#plugins/registry'
import { generateSchemaFor } from '#plugins/schema'

/**
 * `node ace plugin:schema <plugin>`: writes the schema classes of a plugin's
 * tables (`<id>_…`, as its migrations left them in the SQLite database) into
 * `<plugin>/database/schema.ts`. Run it after `node ace migration:run`.
 */
export default class PluginSchema extends BaseCommand {
  static commandName = 'plugin:schema'
  static description = "Generate a plugin's schema classes into its folder"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Plugin id' })
  declare plugin: string

  async run() {
    const registry = await this.app.container.make(PluginRegistry)
    if (!registry.has(this.plugin)) {
      this.logger.error(`No plugin "${this.plugin}" is installed`)
      this.exitCode = 1
      return
    }
    generateSchemaFor(this.plugin)
    try {
      const command = await this.kernel.exec('schema:generate', [])
      this.exitCode = command.exitCode
    } finally {
      generateSchemaFor(undefined)
    }
  }
}
