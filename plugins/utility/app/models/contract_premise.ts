import { compose, withTenantScope, belongsTo } from '#core/database'
import type { BelongsTo } from '#core/database'
import { UtilityContractPremiseSchema } from '../../database/schema.js'
import Premise from './premise.js'
import Contract from './contract.js'

/**
 * A premise a contract supplies (a contract may cover several).
 *
 * @spec UTIL-5
 */
export default class ContractPremise extends compose(
  UtilityContractPremiseSchema,
  withTenantScope
) {
  static table = 'utility_contract_premises'

  @belongsTo(() => Premise)
  declare premise: BelongsTo<typeof Premise>

  @belongsTo(() => Contract)
  declare contract: BelongsTo<typeof Contract>
}
