import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { PasswordResetTokenSchema } from '#database/schema'
import User from '#models/user'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * A single-use, expiring "choose a new password" link (IAM-7).
 *
 * @spec IAM-7
 */
export default class PasswordResetToken extends compose(PasswordResetTokenSchema, withTenantScope) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
