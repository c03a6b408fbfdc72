import { compose, withTenantScope } from '#core/database'
import { UtilityPremiseServiceSchema } from '../../database/schema.js'
import type { Service } from '../services.js'

/**
 * A service delivered at a premise (heat, hot water, cooling, …).
 *
 * @spec UTIL-2
 */
export default class PremiseService extends compose(UtilityPremiseServiceSchema, withTenantScope) {
  static table = 'utility_premise_services'

  declare service: Service
}
