import { compose } from '@adonisjs/core/helpers'
import { SharedUserSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/**
 * A user a main contact shares with (ACC-2), listed even before any number is ticked.
 *
 * @spec ACC-2
 */
export default class SharedUser extends compose(SharedUserSchema, withTenantScope) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>
}
