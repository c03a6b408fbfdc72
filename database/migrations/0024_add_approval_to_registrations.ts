import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * IAM-9 with a login address other than the one on file: the address on
 * file approves first (it proves the customer number), then the login
 * address confirms (it proves the login). `approval_email` is that address
 * on file (null when the login address is the address on file or an
 * activation code proved the number); `confirm_email` is where the pending
 * link went.
 *
 * @spec IAM-9
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('registrations', (table) => {
      table.string('approval_email', 254).nullable()
      table.timestamp('approved_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('registrations', (table) => {
      table.dropColumn('approval_email')
      table.dropColumn('approved_at')
    })
  }
}
