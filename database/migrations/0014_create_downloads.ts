import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * DOC-4: ZIPs of selected documents, built in the background and kept for a
 * tenant-configurable time.
 *
 * @spec DOC-4
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.integer('download_ttl_hours').notNullable().defaultTo(72)
    })
    this.schema.createTable('downloads', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** queued | running | finished | failed */
      table.string('status', 16).notNullable().defaultTo('queued')
      /** The selected document ids (JSON). */
      table.text('document_ids').notNullable()
      table.integer('total').notNullable()
      table.integer('done').notNullable().defaultTo(0)
      table.string('storage_key', 255).nullable()
      table.bigInteger('size').nullable()
      table.text('error').nullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('finished_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['tenant_id', 'user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('downloads')
    this.schema.alterTable('tenants', (table) => table.dropColumn('download_ttl_hours'))
  }
}
