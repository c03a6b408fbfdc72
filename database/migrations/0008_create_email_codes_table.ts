import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * 6-digit codes sent to an address to prove the user reads it: verifying a
 * recovery e-mail (IAM-2) and the lost-device flow (IAM-3). Each row is one
 * run of the e-mail code workflow.
 *
 * @spec IAM-2 IAM-3
 */
export default class extends BaseSchema {
  protected tableName = 'email_codes'

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
      /** recovery_email | lost_device */
      table.string('purpose', 32).notNullable()
      /** Where the code goes (the address being verified). */
      table.string('email', 254).notNullable()
      /** HMAC of the code (keyed with APP_KEY); null until the workflow sent it. */
      table.string('code_hash', 128).nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      /** pending | verified | locked | expired | replaced */
      table.string('status', 16).notNullable().defaultTo('pending')
      table.string('workflow_id', 128).notNullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('verified_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()

      table.index(['tenant_id', 'user_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
