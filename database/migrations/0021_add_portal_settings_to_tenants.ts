import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * TEN-3 / TEN-4: the tenant's house style (the organisation's logo and
 * colours), the portal's own branding (logo, favicon; the colours are the
 * existing primary/secondary columns) with the choice to follow the house
 * style, the contact details in the portal's footer, and the header options.
 *
 * @spec TEN-3 TEN-4
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.string('org_logo_key', 200).nullable()
      table.string('org_primary_color', 7).notNullable().defaultTo('#1d4ed8')
      table.string('org_secondary_color', 7).notNullable().defaultTo('#0f766e')
      table.boolean('inherit_org_style').notNullable().defaultTo(false)
      table.string('logo_key', 200).nullable()
      table.string('favicon_key', 200).nullable()
      table.string('support_email', 254).nullable()
      table.string('website_url', 300).nullable()
      table.string('support_phone', 40).nullable()
      table.boolean('show_register_button').notNullable().defaultTo(true)
      table.boolean('help_form_enabled').notNullable().defaultTo(true)
    })
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      for (const column of [
        'org_logo_key',
        'org_primary_color',
        'org_secondary_color',
        'inherit_org_style',
        'logo_key',
        'favicon_key',
        'support_email',
        'website_url',
        'support_phone',
        'show_register_button',
        'help_form_enabled',
      ]) {
        table.dropColumn(column)
      }
    })
  }
}
