import { BaseSchema, references, tenantOwned } from '#core/database'
import { SERVICES } from '../../app/services.js'

/**
 * A supply contract: one customer number of the core, one or more premises,
 * a start and (once moved out) an end, a monthly advance and the product
 * chosen per service.
 *
 * @spec UTIL-2 UTIL-3 UTIL-4 UTIL-7
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_contracts', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'customer_number_id', 'customer_numbers', { onDelete: 'restrict' })
      table.string('reference', 40).notNullable()
      table.date('starts_on').notNullable()
      /** The last day of supply; empty while the contract runs. */
      table.date('ends_on').nullable()
      table.integer('monthly_advance_cents').notNullable()
      table.string('currency', 3).notNullable().defaultTo('EUR')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'reference'])
      table.index(['customer_number_id'])
    })

    this.schema.createTable('utility_contract_premises', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'contract_id', 'utility_contracts')
      references(table, 'premise_id', 'utility_premises', { onDelete: 'restrict' })
      table.unique(['contract_id', 'premise_id'])
      table.index(['premise_id'])
    })

    this.schema.createTable('utility_contract_services', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'contract_id', 'utility_contracts')
      table.enum('service', [...SERVICES]).notNullable()
      table.string('product', 80).notNullable()
      table.unique(['contract_id', 'service'])
    })
  }

  async down() {
    this.schema.dropTable('utility_contract_services')
    this.schema.dropTable('utility_contract_premises')
    this.schema.dropTable('utility_contracts')
  }
}
