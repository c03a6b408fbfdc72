import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/** @spec IAM-8 */
export default class extends BaseSchema {
  protected tableName = 'invitations'

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
      table
        .integer('invited_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      /**
       * SHA-256 of the link's token, set when the workflow sends the e-mail;
       * the token itself only travels inside the (encrypted) e-mail payload.
       */
      table.string('token_hash', 64).nullable().unique()
      /** pending | accepted | expired | voided */
      table.string('status', 16).notNullable().defaultTo('pending')
      table.string('workflow_id', 120).notNullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('accepted_at').nullable()
      table.timestamp('closed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()

      table.index(['tenant_id', 'user_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
