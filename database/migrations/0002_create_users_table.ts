import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

/** @spec IAM-1 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      tenantOwned(table)
      /** Stored lower-cased; unique within a tenant, not across tenants. */
      table.string('email', 254).notNullable()
      /** Null until the account is activated. */
      table.string('password').nullable()
      table.string('first_name', 100).nullable()
      table.string('last_name', 100).nullable()
      /** admin and staff are the tenant's people; customer is a portal user. */
      table.string('role', 16).notNullable()
      /** invited | active | blocked */
      table.string('status', 16).notNullable().defaultTo('invited')
      /** nl | fr | en; null means the tenant's default. */
      table.string('locale', 5).nullable()
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()

      table.unique(['tenant_id', 'email'])
      table.index(['tenant_id', 'role'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
