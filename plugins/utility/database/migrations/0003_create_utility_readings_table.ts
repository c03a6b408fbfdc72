import { BaseSchema, references, tenantOwned } from '#core/database'

/**
 * Meter readings (UTIL-5): the register's value at an instant, one row per
 * meter and timestamp (a second delivery of the same reading changes
 * nothing). Consumption is the difference between readings of one meter,
 * so a swapped meter (a new row in utility_meters) never gives negative use.
 *
 * @spec UTIL-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_readings', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      references(table, 'meter_id', 'utility_meters')
      table.timestamp('read_at').notNullable()
      table.decimal('value', 16, 3).notNullable()
      table.enum('source', ['api', 'import', 'move', 'staff']).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['meter_id', 'read_at'])
    })
  }

  async down() {
    this.schema.dropTable('utility_readings')
  }
}
