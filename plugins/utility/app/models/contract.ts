import { compose, withTenantScope, hasMany } from '#core/database'
import type { HasMany } from '#core/database'
import { UtilityContractSchema } from '../../database/schema.js'
import ContractPremise from './contract_premise.js'
import ContractService from './contract_service.js'
import Invoice from './invoice.js'

/**
 * A supply contract of a customer number: its premises, services and products,
 * start and end, monthly advance.
 *
 * @spec UTIL-4
 */
export default class Contract extends compose(UtilityContractSchema, withTenantScope) {
  static table = 'utility_contracts'

  @hasMany(() => ContractPremise)
  declare premises: HasMany<typeof ContractPremise>

  @hasMany(() => ContractService)
  declare services: HasMany<typeof ContractService>

  @hasMany(() => Invoice)
  declare invoices: HasMany<typeof Invoice>
}
