import { BaseSchema, tenantOwned } from '#core/database'

/**
 * A move-in wizard in progress (UTIL-2). Its answers live in its Temporal
 * workflow; this row is what the web side needs without asking Temporal:
 * the resume link's token (stored hashed, valid while the wizard is open)
 * and whether the wizard is still open. A confirmed move-in names its
 * wizard in `utility_move_requests.move_in_key`, so a retried confirmation
 * never makes a second request.
 *
 * @spec UTIL-2
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('utility_move_ins', (table) => {
      table.increments('id')
      tenantOwned(table)
      /** A UUID, in the workflow id and the browser's cookie. */
      table.string('key', 36).notNullable().unique()
      table.enum('status', ['open', 'confirmed', 'abandoned']).notNullable()
      table.string('locale', 2).notNullable()
      /** SHA-256 of the resume link's token; empty before step 3 and once closed. */
      table.string('token_hash', 64).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['tenant_id', 'status'])
    })

    this.schema.alterTable('utility_move_requests', (table) => {
      table.string('move_in_key', 36).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('utility_move_requests', (table) => {
      table.dropUnique(['move_in_key'])
      table.dropColumn('move_in_key')
    })
    this.schema.dropTable('utility_move_ins')
  }
}
