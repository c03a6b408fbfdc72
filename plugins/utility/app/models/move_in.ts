import { compose, withTenantScope } from '#core/database'
import { UtilityMoveInSchema } from '../../database/schema.js'

/**
 * A move-in wizard in progress: its key (in the workflow id and the
 * browser's cookie), whether it is still open, and its resume link's token
 * hash. The answers themselves are the workflow's.
 *
 * @spec UTIL-2
 */
export default class MoveIn extends compose(UtilityMoveInSchema, withTenantScope) {
  static table = 'utility_move_ins'

  declare status: 'open' | 'confirmed' | 'abandoned'
  declare locale: 'nl' | 'fr' | 'en'
}
