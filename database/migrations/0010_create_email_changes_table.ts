import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned, singleUseTokenColumns } from '#database/helpers'

/**
 * IAM-6: a change of the main e-mail waits here until the link sent to the
 * new address is followed.
 *
 * @spec IAM-6
 */
export default class extends BaseSchema {
  protected tableName = 'email_changes'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('new_email', 254).notNullable()
      singleUseTokenColumns(table, { usedAt: 'confirmed_at' })
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
