import { compose, withTenantScope } from '#core/database'
import { UtilityMoveTaskSchema } from '../../database/schema.js'

/**
 * One of a move request's four staff tasks.
 *
 * @spec UTIL-2
 */
export default class MoveTask extends compose(UtilityMoveTaskSchema, withTenantScope) {
  static table = 'utility_move_tasks'

  declare task:
    'confirm_customer' | 'confirm_location' | 'confirm_contract' | 'confirm_measurements'
}
