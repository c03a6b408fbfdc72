import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * IAM-2..IAM-6: two-step verification, the recovery (backup) e-mail and the
 * profile completed at first login.
 *
 * @spec IAM-2 IAM-5 IAM-6
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      /**
       * The verified recovery address: receives the codes of the lost-device
       * flow and works for "forgot password" like the main address.
       */
      table.string('recovery_email', 254).nullable()
      table.timestamp('recovery_email_verified_at').nullable()
      /** The authenticator's secret, encrypted with APP_KEY. */
      table.text('totp_secret').nullable()
      /** Set once the user confirmed a code of the app; null means not enrolled. */
      table.timestamp('totp_enabled_at').nullable()
      /** The last accepted 30-second step: a code is never accepted twice. */
      table.bigInteger('totp_last_step').nullable()
      /** The user said "not now" to the offer at login. */
      table.timestamp('two_step_declined_at').nullable()
      /** Bumped to end every open session (block, reset, password change elsewhere). */
      table.integer('session_version').notNullable().defaultTo(1)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('recovery_email')
      table.dropColumn('recovery_email_verified_at')
      table.dropColumn('totp_secret')
      table.dropColumn('totp_enabled_at')
      table.dropColumn('totp_last_step')
      table.dropColumn('two_step_declined_at')
      table.dropColumn('session_version')
    })
  }
}
