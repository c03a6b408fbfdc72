import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * DOC-5: each user's own labels (name up to 20 characters, a colour) and
 * the 1 to 4 labels the user put on a document.
 *
 * @spec DOC-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('labels', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('name', 20).notNullable()
      table.string('color', 7).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['user_id', 'name'])
    })
    this.schema.createTable('document_labels', (table) => {
      table
        .bigInteger('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      table
        .integer('label_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('labels')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      tenantOwned(table)
      table.primary(['document_id', 'label_id'])
      table.index(['user_id', 'label_id'])
    })
  }

  async down() {
    this.schema.dropTable('document_labels')
    this.schema.dropTable('labels')
  }
}
