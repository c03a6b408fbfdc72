import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/** @spec TEN-2 */
export default class extends BaseSchema {
  protected tableName = 'tenant_plugins'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('plugin_id', 64).notNullable()
      table.boolean('enabled').notNullable().defaultTo(false)
      /** JSON, validated against the plugin's settings schema before saving. */
      table.text('settings').notNullable().defaultTo('{}')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()

      table.unique(['tenant_id', 'plugin_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
