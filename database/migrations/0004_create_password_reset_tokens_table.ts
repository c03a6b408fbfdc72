import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned, singleUseTokenColumns } from '#database/helpers'

/** @spec IAM-7 */
export default class extends BaseSchema {
  protected tableName = 'password_reset_tokens'

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
      /** `used_at` is set when the link is used: a link works once. */
      singleUseTokenColumns(table, { usedAt: 'used_at' })
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
