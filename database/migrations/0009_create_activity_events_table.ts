import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * TEN-9: the activity log. Append-only: who did what to whom, when, from where.
 *
 * @spec TEN-9
 */
export default class extends BaseSchema {
  protected tableName = 'activity_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      /** e.g. login.succeeded, two_step.enabled, share.granted */
      table.string('type', 64).notNullable()
      /** The user who acted; null for the system or an unknown visitor. */
      table
        .integer('actor_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      /** The user acted upon (often the actor). */
      table
        .integer('target_user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      /** The customer the event concerns, when there is one (ACC). */
      table.integer('customer_id').unsigned().nullable()
      /** The address an event named when no user matched (failed logins). */
      table.string('email', 254).nullable()
      table.string('ip', 45).nullable()
      /** Small JSON with details (never a secret). */
      table.text('details').nullable()
      table.timestamp('created_at').notNullable()

      table.index(['tenant_id', 'created_at'])
      table.index(['tenant_id', 'target_user_id', 'created_at'])
      table.index(['tenant_id', 'customer_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
