import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/**
 * Sessions that can be ended (ASVS V3): every login gets a row, and the
 * session cookie holds a random key whose SHA-256 names it. A request is
 * only let through while its row is open and within the tenant's idle and
 * absolute limits; logout, a password change, a block or an admin's reset
 * close rows, and the user sees and ends their own sessions on the profile
 * page. Replaces `users.session_version` (one counter could only end all
 * sessions at once, and never on logout).
 *
 * @spec IAM-1
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_sessions', (table) => {
      table.increments('id')
      tenantOwned(table)
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('key_hash', 64).notNullable().unique()
      table.string('ip', 45).nullable()
      table.string('user_agent', 255).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('last_seen_at').notNullable()
      table.timestamp('ended_at').nullable()
      /** logout | ended_by_user | password_changed | password_reset | blocked | account_reset | idle | expired */
      table.string('end_reason', 32).nullable()
      table.index(['user_id', 'ended_at'])
    })

    this.schema.alterTable('tenants', (table) => {
      /** Minutes without a request after which a session ends (ASVS 3.3.2: 30). */
      table.integer('session_idle_minutes').notNullable().defaultTo(30)
      /** Hours after the login after which a session ends whatever happens (ASVS 3.3.2: 12). */
      table.integer('session_max_hours').notNullable().defaultTo(12)
    })

    this.schema.alterTable('users', (table) => {
      table.dropColumn('session_version')
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.integer('session_version').notNullable().defaultTo(1)
    })
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('session_idle_minutes')
      table.dropColumn('session_max_hours')
    })
    this.schema.dropTable('user_sessions')
  }
}
