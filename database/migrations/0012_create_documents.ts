import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * DOC-1..DOC-3 and the publishing API: documents with their files (kept on
 * the drive disk under generated keys, with a SHA-256 checked on download),
 * categories, per-user read state and the history of views and downloads;
 * API clients of a tenant's back office and their access tokens.
 *
 * @spec DOC-1 DOC-2 DOC-3
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('categories', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('name', 100).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'name'])
    })

    this.schema.createTable('documents', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      table
        .integer('customer_number_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('customer_numbers')
        .onDelete('CASCADE')
      /** invoice | credit_note | other */
      table.string('type', 16).notNullable()
      /** The document's own number (invoice number). */
      table.string('number', 64).nullable()
      table.string('title', 200).notNullable()
      table
        .integer('category_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('categories')
        .onDelete('SET NULL')
      table.date('issue_date').notNullable()
      table.date('due_date').nullable()
      /** Amount including VAT, in cents (exact; sortable and filterable). */
      table.bigInteger('amount_cents').nullable()
      table.string('currency', 3).notNullable().defaultTo('EUR')
      /** The back office's id: publishing with the same id again never creates a second document. */
      table.string('external_id', 128).nullable()
      /** SHA-256 of the canonical metadata and files, to tell a retry from a conflicting re-use of the id. */
      table.string('fingerprint', 64).notNullable()
      /** DOC-1: kept until this date (7 years by default). */
      table.date('retain_until').notNullable()
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

      table.unique(['tenant_id', 'external_id'])
      /** The list: a customer number's documents, newest first, with stable keyset order. */
      table.index(['tenant_id', 'customer_number_id', 'issue_date', 'id'], 'documents_list_index')
      table.index(['tenant_id', 'customer_number_id', 'number'], 'documents_number_index')
      table.index(['tenant_id', 'customer_number_id', 'amount_cents'], 'documents_amount_index')
    })

    this.schema.createTable('document_files', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      table
        .bigInteger('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      /** pdf | ubl | attachment */
      table.string('kind', 16).notNullable()
      /** Generated key on the drive disk (never the uploaded name). */
      table.string('storage_key', 255).notNullable().unique()
      table.string('sha256', 64).notNullable()
      table.bigInteger('size').notNullable()
      /** Detected from the content, not taken from the upload. */
      table.string('mime', 100).notNullable()
      /** The name as uploaded, cleaned, for downloads. */
      table.string('original_name', 255).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['document_id', 'kind'])
    })

    /** DOC-2: a document stays bold in the list until the user opens it. */
    this.schema.createTable('document_reads', (table) => {
      table
        .bigInteger('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      tenantOwned(table)
      table.timestamp('read_at').notNullable()
      table.primary(['document_id', 'user_id'])
    })

    /** DOC-3: who viewed or downloaded a document, and when. */
    this.schema.createTable('document_events', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      table
        .bigInteger('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      /** viewed | downloaded_pdf | downloaded_ubl | downloaded_csv | published */
      table.string('action', 32).notNullable()
      table.string('ip', 45).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['document_id', 'created_at'])
    })

    /** A tenant's back office (or another integration) publishing through /api/v1. */
    this.schema.createTable('api_clients', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('name', 100).notNullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'name'])
    })

    /** Adonis access tokens of API clients (only a hash of each token is kept). */
    this.schema.createTable('auth_access_tokens', (table) => {
      table.increments('id')
      table
        .integer('tokenable_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('api_clients')
        .onDelete('CASCADE')
      table.string('type').notNullable()
      table.string('name').nullable()
      table.string('hash').notNullable()
      table.text('abilities').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.timestamp('last_used_at').nullable()
      table.timestamp('expires_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable('auth_access_tokens')
    this.schema.dropTable('api_clients')
    this.schema.dropTable('document_events')
    this.schema.dropTable('document_reads')
    this.schema.dropTable('document_files')
    this.schema.dropTable('documents')
    this.schema.dropTable('categories')
  }
}
