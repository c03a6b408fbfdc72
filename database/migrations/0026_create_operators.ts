import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Platform operators (OPS-1): the people who run the installation and look
 * at every tenant's queues and workflows. They belong to no tenant, log in
 * on the operator host only (OPS_HOST, `ops.<TENANT_BASE_DOMAIN>` by
 * default) and must use two-step verification. Created with
 * `node ace operator:create`.
 *
 * @spec OPS-1
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('operators', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      /** Encrypted TOTP secret; enrolment is finished when `totp_enabled_at` is set. */
      table.text('totp_secret').nullable()
      table.timestamp('totp_enabled_at').nullable()
      table.bigInteger('totp_last_step').nullable()
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('operators')
  }
}
