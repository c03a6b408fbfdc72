import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * TEN-6: a tenant's own wording of an e-mail in one language (a Liquid
 * template). No row means the platform's default
 * (resources/mail_templates/<locale>/<name>.liquid); a reset deletes the row.
 *
 * @spec TEN-6
 */
export default class extends BaseSchema {
  protected tableName = 'mail_templates'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      tenantOwned(table)
      /** A template of app/mails/templates.ts, e.g. invitation */
      table.string('name', 64).notNullable()
      /** nl | fr | en */
      table.string('locale', 8).notNullable()
      /** Liquid, plain text once rendered */
      table.string('subject', 400).notNullable()
      /** Liquid over sanitised HTML */
      table.text('body').notNullable()
      table
        .integer('updated_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'name', 'locale'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
