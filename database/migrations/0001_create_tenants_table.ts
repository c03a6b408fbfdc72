import { BaseSchema } from '@adonisjs/lucid/schema'

/** @spec TEN-1 */
export default class extends BaseSchema {
  protected tableName = 'tenants'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      /** `<slug>.<TENANT_BASE_DOMAIN>` reaches the tenant. */
      table.string('slug', 63).notNullable().unique()
      table.string('name', 120).notNullable()
      /** A custom domain set by the tenant admin (TEN-1). */
      table.string('custom_host', 253).nullable().unique()
      table.string('default_locale', 5).notNullable().defaultTo('nl')
      table.string('primary_color', 7).notNullable().defaultTo('#1d4ed8')
      table.string('secondary_color', 7).notNullable().defaultTo('#0f766e')
      /** How long an invitation link stays valid (IAM-8; 5 days by default). */
      table
        .integer('invitation_ttl_seconds')
        .notNullable()
        .defaultTo(5 * 24 * 3600)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
