import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MailTemplateSchema } from '#database/schema'
import User from '#models/user'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * TEN-6: a tenant's own subject and body of one e-mail in one language
 * (Liquid, checked and sanitised when saved). Without a row, the platform's
 * default applies.
 *
 * @spec TEN-6
 */
export default class MailTemplate extends compose(MailTemplateSchema, withTenantScope) {
  @belongsTo(() => User, { foreignKey: 'updatedById' })
  declare updatedBy: BelongsTo<typeof User>
}
