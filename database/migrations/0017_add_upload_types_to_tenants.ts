import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * DOC-1 / DOC-9: which kinds of files a tenant's customers may upload
 * (comma-separated groups of config/documents.ts `uploadGroups`).
 *
 * @spec DOC-9
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.string('upload_types', 100).notNullable().defaultTo('pdf,image,office')
    })
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('upload_types')
    })
  }
}
