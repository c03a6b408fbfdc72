import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned, singleUseTokenColumns } from '#database/helpers'

/**
 * ACC-1..ACC-4 and IAM-9..IAM-11: customers, their customer numbers (each
 * with one main contact), the numbers shared with other users, activation
 * codes for self-registration, and the tenant's seat limit and number format.
 *
 * @spec ACC-1 ACC-2 IAM-9 IAM-11 TEN-8
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      /** TEN-8: customer logins included in the licence; null means no limit. */
      table.integer('seat_limit').nullable()
      /** ACC-1: the shape of a customer number, as a regular expression (e.g. `^DL[25]\d{6}$`). */
      table.string('customer_number_pattern', 200).nullable()
      /** IAM-9: which self-registration styles the portal offers (`activation_code`, `customer_email`), comma-separated. */
      table.string('registration_styles', 64).notNullable().defaultTo('')
    })

    this.schema.createTable('customers', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('name', 200).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['tenant_id', 'name'])
    })

    this.schema.createTable('customer_numbers', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('customer_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('customers')
        .onDelete('CASCADE')
      /** Stored upper-case; unique within the tenant. */
      table.string('number', 40).notNullable()
      /** The one person who receives the invitation and manages sharing (ACC-1). */
      table
        .integer('main_contact_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      /** The address on file for the number (IAM-9 registration by customer number and e-mail). */
      table.string('contact_email', 254).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'number'])
      table.index(['tenant_id', 'main_contact_id'])
    })

    /** A main contact's shared users (ACC-2), listed even before any number is ticked. */
    this.schema.createTable('shared_users', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('owner_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.unique(['owner_id', 'user_id'])
      table.index(['tenant_id', 'user_id'])
    })

    /** The customer numbers a shared user may see, ticked by the main contact. */
    this.schema.createTable('customer_number_shares', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('customer_number_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('customer_numbers')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('granted_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.unique(['customer_number_id', 'user_id'])
      table.index(['tenant_id', 'user_id'])
    })

    /** IAM-9: single-use codes printed on a letter, valid 15 weeks. */
    this.schema.createTable('activation_codes', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('customer_number_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('customer_numbers')
        .onDelete('CASCADE')
      /** SHA-256 of the code (keyed by the number, so equal codes of two numbers differ). */
      table.string('code_hash', 64).notNullable()
      table
        .integer('issued_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table
        .integer('used_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.index(['tenant_id', 'customer_number_id'])
    })

    /** IAM-9: a self-registered account waits for its confirmation e-mail. */
    this.schema.createTable('registrations', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('customer_number_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('customer_numbers')
        .onDelete('CASCADE')
      /** Where the confirmation link goes (the login e-mail, or the address on file). */
      table.string('confirm_email', 254).notNullable()
      singleUseTokenColumns(table, { usedAt: 'confirmed_at' })
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('registrations')
    this.schema.dropTable('activation_codes')
    this.schema.dropTable('customer_number_shares')
    this.schema.dropTable('shared_users')
    this.schema.dropTable('customer_numbers')
    this.schema.dropTable('customers')
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('seat_limit')
      table.dropColumn('customer_number_pattern')
      table.dropColumn('registration_styles')
    })
  }
}
