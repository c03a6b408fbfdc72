import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantOwned } from '#database/helpers'

export default class extends BaseSchema {
  protected tableName = 'mail_deliveries'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      /**
       * Idempotency key of the e-mail (e.g. `invitation:12`): a retried job or
       * activity finds the row and does not send twice.
       */
      table.string('key', 191).notNullable().unique()
      /**
       * Id of the row's queue job. Random, not derived from the row id: ids
       * start again after a database restore while Redis still remembers the
       * old jobs, and a reused job id would be silently dropped.
       */
      table.uuid('job_id').notNullable().unique()
      tenantOwned(table, { nullable: true })
      table.string('template', 64).notNullable()
      table.string('recipient', 254).notNullable()
      table.string('locale', 5).notNullable()
      /**
       * The template's data, encrypted with APP_KEY (it may hold a one-time
       * link). Queue jobs carry only the delivery id.
       */
      table.text('payload').notNullable()
      /** queued | sent | failed */
      table.string('status', 16).notNullable().defaultTo('queued')
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('sent_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
