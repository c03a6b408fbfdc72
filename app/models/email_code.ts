import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { EmailCodeSchema } from '#database/schema'
import User from '#models/user'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One 6-digit code sent to an address; its life is driven by the e-mail
 * code workflow (workflows/email_codes).
 *
 * @spec IAM-2 IAM-3
 */
export default class EmailCode extends compose(EmailCodeSchema, withTenantScope) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
