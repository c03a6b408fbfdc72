import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * Plugin secrets (encrypted with APP_KEY, never sent to a browser):
 * - `tenant_plugins.secrets`: the values of settings fields marked
 *   `x-secret` (an API key an admin types), one encrypted JSON object;
 * - `plugin_secrets`: secrets a plugin generates and keeps (a private key),
 *   by name and version; rotating adds a version and retires the previous
 *   one, which stays readable until it is removed.
 *
 * @spec TEN-2
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenant_plugins', (table) => {
      table.text('secrets').nullable()
    })
    this.schema.createTable('plugin_secrets', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('plugin_id', 40).notNullable()
      table.string('name', 80).notNullable()
      table.integer('version').notNullable()
      table.text('value').notNullable()
      table.timestamp('retired_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['tenant_id', 'plugin_id', 'name', 'version'])
    })
  }

  async down() {
    this.schema.dropTable('plugin_secrets')
    this.schema.alterTable('tenant_plugins', (table) => {
      table.dropColumn('secrets')
    })
  }
}
