import { BaseSchema, references, tenantOwned } from '#core/database'

/**
 * Daily and monthly use per meter (UTIL-5), derived from its register
 * readings in the tenant's time zone (Europe/Brussels): the consumption
 * page reads these instead of aggregating millions of readings. A day or
 * month without readings has no row (a gap, never a zero). Recomputed by
 * the rollup job from the earliest reading a delivery touched, so late and
 * corrected readings keep them right.
 *
 * @spec UTIL-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_reading_rollups', (table) => {
      table.bigIncrements('id')
      tenantOwned(table)
      references(table, 'meter_id', 'utility_meters')
      table.enum('period', ['day', 'month']).notNullable()
      /** The local day, or the first day of the local month. */
      table.date('starts_on').notNullable()
      table.decimal('use', 16, 3).notNullable()
      /** How many readings the period holds (a month: the sum of its days). */
      table.integer('readings').notNullable()
      table.unique(['meter_id', 'period', 'starts_on'])
    })
  }

  async down() {
    this.schema.dropTable('utility_reading_rollups')
  }
}
