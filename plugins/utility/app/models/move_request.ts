import { compose, withTenantScope, belongsTo, hasMany } from '#core/database'
import type { BelongsTo, HasMany } from '#core/database'
import { UtilityMoveRequestSchema } from '../../database/schema.js'
import MoveTask from './move_task.js'
import Premise from './premise.js'
import Contract from './contract.js'

/**
 * A confirmed move-in or move-out, its answers, status and staff tasks.
 *
 * @spec UTIL-2 UTIL-3
 */
export default class MoveRequest extends compose(UtilityMoveRequestSchema, withTenantScope) {
  static table = 'utility_move_requests'

  declare kind: 'move_in' | 'move_out'
  declare status: 'new' | 'waiting' | 'processed' | 'rejected'
  declare residentLocale: 'nl' | 'fr' | 'en'

  @hasMany(() => MoveTask)
  declare tasks: HasMany<typeof MoveTask>

  @belongsTo(() => Premise)
  declare premise: BelongsTo<typeof Premise>

  @belongsTo(() => Contract)
  declare contract: BelongsTo<typeof Contract>
}
