import { compose, withTenantScope } from '#core/database'
import { UtilityContractServiceSchema } from '../../database/schema.js'
import type { Service } from '../services.js'

/**
 * The product a contract takes for one service.
 *
 * @spec UTIL-2
 */
export default class ContractService extends compose(
  UtilityContractServiceSchema,
  withTenantScope
) {
  static table = 'utility_contract_services'

  declare service: Service
}
