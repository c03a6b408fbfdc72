import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ActivityEventSchema } from '#database/schema'
import User from '#models/user'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * One line of the activity log (TEN-9).
 *
 * @spec TEN-9
 */
export default class ActivityEvent extends compose(ActivityEventSchema, withTenantScope) {
  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'targetUserId' })
  declare target: BelongsTo<typeof User>
}
