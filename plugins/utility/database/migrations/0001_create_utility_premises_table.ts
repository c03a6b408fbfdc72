import { BaseSchema, references, tenantOwned } from '#core/database'
import { SERVICES } from '../../app/services.js'

/**
 * Where energy is delivered (UTIL-2 step 1): a premise is an address with
 * its unit (apartment, box), the services delivered there and the meters
 * that measure them. A meter stays with its premise; a swapped meter is a
 * new row and the old one gets its removal date.
 *
 * @spec UTIL-2 UTIL-5
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_premises', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.string('street', 120).notNullable()
      table.string('house_number', 20).notNullable()
      /** Apartment or box ("bus 3"), empty for a house. */
      table.string('unit', 20).nullable()
      table.string('postal_code', 10).notNullable()
      table.string('city', 80).notNullable()
      /** The network's own reference of the delivery point. */
      table.string('connection_code', 40).notNullable()
      /** Who owns the premise (a landlord, a housing company). */
      table.string('owner_name', 120).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'connection_code'])
      table.index(['tenant_id', 'postal_code'])
    })

    this.schema.createTable('utility_premise_services', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'premise_id', 'utility_premises')
      table.enum('service', [...SERVICES]).notNullable()
      table.unique(['premise_id', 'service'])
    })

    this.schema.createTable('utility_meters', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'premise_id', 'utility_premises')
      table.enum('service', [...SERVICES]).notNullable()
      /** As printed on the meter. */
      table.string('serial', 40).notNullable()
      /** What the register counts: kWh, m3 or GJ. */
      table.enum('unit', ['kWh', 'm3', 'GJ']).notNullable()
      table.date('installed_on').notNullable()
      table.date('removed_on').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'serial'])
      table.index(['premise_id', 'service'])
    })
  }

  async down() {
    this.schema.dropTable('utility_meters')
    this.schema.dropTable('utility_premise_services')
    this.schema.dropTable('utility_premises')
  }
}
