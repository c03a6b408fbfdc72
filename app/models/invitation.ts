import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { InvitationSchema } from '#database/schema'
import User from '#models/user'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One invitation link sent to a user. Its life (sent, waiting, accepted,
 * expired, voided) is driven by the invitation workflow.
 *
 * @spec IAM-8
 */
export default class Invitation extends compose(InvitationSchema, withTenantScope) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
