import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * TEN-5: messages the tenant admin shows on one portal page (`page` is the
 * Inertia page name, see app/services/portal_pages.ts), in order, with a
 * type (neutral, warning, important) and sanitised HTML per language. A
 * language left empty falls back to the tenant's default language.
 *
 * @spec TEN-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('portal_messages', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('page', 64).notNullable()
      table.string('type', 16).notNullable()
      table.integer('position').notNullable()
      table.text('body_nl').nullable()
      table.text('body_fr').nullable()
      table.text('body_en').nullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('updated_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['tenant_id', 'page', 'position'])
    })
  }

  async down() {
    this.schema.dropTable('portal_messages')
  }
}
