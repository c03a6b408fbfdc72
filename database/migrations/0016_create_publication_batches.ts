import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * DOC-6 / IAM-8 / LEASE-5: documents are published in batches; when a batch
 * closes, every recipient gets one e-mail listing its new documents (with
 * the invitation when their account is not active yet), never two.
 *
 * @spec DOC-6 IAM-8 LEASE-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('publication_batches', (table) => {
      table.increments('id')
      tenantOwned(table)
      /** The back office's name for the run (API `batch` field); null for a single publication. */
      table.string('key', 128).nullable()
      /** api | import | upload */
      table.string('source', 16).notNullable()
      /** open | closed | notified */
      table.string('status', 16).notNullable().defaultTo('open')
      table.integer('documents').notNullable().defaultTo(0)
      table.integer('recipients').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.timestamp('closed_at').nullable()
      table.timestamp('notified_at').nullable()
      table.unique(['tenant_id', 'key'])
    })

    this.schema.alterTable('documents', (table) => {
      table
        .integer('batch_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('publication_batches')
        .onDelete('SET NULL')
      table.index(['batch_id'])
    })

    /** One row per recipient and batch: the guarantee that nobody is notified twice. */
    this.schema.createTable('document_notifications', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      table
        .integer('batch_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('publication_batches')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('documents').notNullable()
      table.integer('mail_delivery_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['batch_id', 'user_id'])
    })

    /** LEASE-3 / DOC-6: per customer number, a link (default) or the attachment. */
    this.schema.alterTable('customer_numbers', (table) => {
      table.string('notify_mode', 16).notNullable().defaultTo('link')
    })

    /** The largest total of attachments one notification carries; beyond it, links. */
    this.schema.alterTable('tenants', (table) => {
      table
        .integer('attachment_max_bytes')
        .notNullable()
        .defaultTo(10 * 1024 * 1024)
    })
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('attachment_max_bytes')
    })
    this.schema.alterTable('customer_numbers', (table) => {
      table.dropColumn('notify_mode')
    })
    this.schema.dropTable('document_notifications')
    this.schema.alterTable('documents', (table) => {
      table.dropIndex(['batch_id'])
      table.dropForeign(['batch_id'])
      table.dropColumn('batch_id')
    })
    this.schema.dropTable('publication_batches')
  }
}
