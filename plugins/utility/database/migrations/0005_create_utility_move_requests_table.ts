import { BaseSchema, references, tenantOwned } from '#core/database'

/**
 * Move requests (UTIL-2, UTIL-3): a confirmed move-in or move-out, the
 * answers of every step, its status for staff (New, Waiting, Processed,
 * Rejected) and its four staff tasks.
 *
 * @spec UTIL-2 UTIL-3
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_move_requests', (table) => {
      table.increments('id')
      tenantOwned(table)
      table.enum('kind', ['move_in', 'move_out']).notNullable()
      table.enum('status', ['new', 'waiting', 'processed', 'rejected']).notNullable()
      /** Shown to the resident and staff ("MI-2026-00042"). */
      table.string('reference', 20).notNullable()
      /** The premise found in step 1; empty when the resident typed an unknown address. */
      references(table, 'premise_id', 'utility_premises', { nullable: true, onDelete: 'set null' })
      /** The contract a move-out ends, or the one processing a move-in created. */
      references(table, 'contract_id', 'utility_contracts', {
        nullable: true,
        onDelete: 'set null',
      })
      table.date('move_date').notNullable()
      table.string('resident_email', 254).notNullable()
      table.enum('resident_locale', ['nl', 'fr', 'en']).notNullable()
      /** Every step's answers, as confirmed (JSON). */
      table.text('answers').notNullable()
      /** Why staff wait (e-mailed) or rejected (e-mailed). */
      table.text('status_message').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['tenant_id', 'reference'])
      table.index(['tenant_id', 'status', 'created_at'])
    })

    this.schema.createTable('utility_move_tasks', (table) => {
      table.increments('id')
      tenantOwned(table)
      references(table, 'move_request_id', 'utility_move_requests')
      table
        .enum('task', [
          'confirm_customer',
          'confirm_location',
          'confirm_contract',
          'confirm_measurements',
        ])
        .notNullable()
      table.timestamp('done_at').nullable()
      references(table, 'done_by_id', 'users', { nullable: true, onDelete: 'set null' })
      table.unique(['move_request_id', 'task'])
    })
  }

  async down() {
    this.schema.dropTable('utility_move_tasks')
    this.schema.dropTable('utility_move_requests')
  }
}
