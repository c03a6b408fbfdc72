import { BaseSchema, references, tenantOwned } from '#core/database'

/**
 * Invoices of a contract (UTIL-6): the PDF is a core document of the
 * contract's customer number; this row adds what the portal shows about
 * paying it. A negative invoice awaiting payment processing is a refund
 * with the date it will be paid.
 *
 * @spec UTIL-4 UTIL-6
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_invoices', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'contract_id', 'utility_contracts')
      references(table, 'document_id', 'documents', { nullable: true, onDelete: 'set null' })
      table.string('number', 40).notNullable()
      table.date('issued_on').notNullable()
      table.date('due_on').notNullable()
      table.integer('amount_cents').notNullable()
      table.string('currency', 3).notNullable().defaultTo('EUR')
      table.enum('status', ['open', 'paid', 'awaiting_payment_processing']).notNullable()
      /** A refund's planned payment date (negative invoices awaiting payment processing). */
      table.date('refund_on').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'number'])
      table.index(['contract_id', 'issued_on'])
    })
  }

  async down() {
    this.schema.dropTable('utility_invoices')
  }
}
