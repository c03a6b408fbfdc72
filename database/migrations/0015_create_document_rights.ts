import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

const SUBJECT_TYPES = ['user', 'customer']

/**
 * DOC-7 / DOC-8 / DOC-9 / DOC-10: rights per document and per category for
 * users and groups (a customer's own people), who a document is open to
 * (everyone who reaches its customer number, or only those granted), and
 * the managers an upload is announced to.
 *
 * @spec DOC-7 DOC-8 DOC-9 DOC-10
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('documents', (table) => {
      /**
       * `customer_number`: everyone who reaches the document's customer number
       * may read it (publications); `grants`: only the rights below (uploads,
       * vault documents).
       */
      table.string('audience', 16).notNullable().defaultTo('customer_number')
      /** api | import | upload | staff */
      table.string('source', 16).notNullable().defaultTo('api')
    })

    /** DOC-9: the customer's responsible manager (the dossier's manager). */
    this.schema.alterTable('customers', (table) => {
      table
        .integer('manager_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
    })

    /** DOC-9: a portal user's internal manager at the tenant. */
    this.schema.alterTable('users', (table) => {
      table
        .integer('manager_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
    })

    this.schema.createTable('document_grants', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      table
        .bigInteger('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      /** `user`: one person; `customer`: the main contacts of a customer's numbers. */
      table.enum('subject_type', SUBJECT_TYPES).notNullable()
      table.integer('subject_id').unsigned().notNullable()
      table.boolean('can_read').notNullable().defaultTo(true)
      table.boolean('can_update').notNullable().defaultTo(false)
      table.boolean('can_delete').notNullable().defaultTo(false)
      table.boolean('can_change_security').notNullable().defaultTo(false)
      /** Copied from this category's rights when the document was put in it (DOC-8). */
      table
        .integer('category_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('categories')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['document_id', 'subject_type', 'subject_id'])
      /** The list: the documents granted to a user or to their customers. */
      table.index(
        ['tenant_id', 'subject_type', 'subject_id', 'document_id'],
        'document_grants_subject_index'
      )
    })

    this.schema.createTable('category_grants', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('category_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('categories')
        .onDelete('CASCADE')
      table.enum('subject_type', SUBJECT_TYPES).notNullable()
      table.integer('subject_id').unsigned().notNullable()
      table.boolean('can_read').notNullable().defaultTo(true)
      table.boolean('can_update').notNullable().defaultTo(false)
      table.boolean('can_delete').notNullable().defaultTo(false)
      table.boolean('can_change_security').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['category_id', 'subject_type', 'subject_id'])
    })
  }

  async down() {
    this.schema.dropTable('category_grants')
    this.schema.dropTable('document_grants')
    this.schema.alterTable('users', (table) => {
      table.dropForeign(['manager_id'])
      table.dropColumn('manager_id')
    })
    this.schema.alterTable('customers', (table) => {
      table.dropForeign(['manager_id'])
      table.dropColumn('manager_id')
    })
    this.schema.alterTable('documents', (table) => {
      table.dropColumn('source')
      table.dropColumn('audience')
    })
  }
}
