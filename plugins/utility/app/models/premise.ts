import { compose, withTenantScope, hasMany } from '#core/database'
import type { HasMany } from '#core/database'
import { UtilityPremiseSchema } from '../../database/schema.js'
import PremiseService from './premise_service.js'
import Meter from './meter.js'

/**
 * A delivery address of the network: street, number, unit, postal code,
 * its connection code, owner, the services delivered and the meters there.
 *
 * @spec UTIL-2
 */
export default class Premise extends compose(UtilityPremiseSchema, withTenantScope) {
  static table = 'utility_premises'

  @hasMany(() => PremiseService)
  declare services: HasMany<typeof PremiseService>

  @hasMany(() => Meter)
  declare meters: HasMany<typeof Meter>

  /** "Zuidparklaan 12 bus 3, 9000 Gent" */
  get address(): string {
    const unit = this.unit ? ` ${this.unit}` : ''
    return `${this.street} ${this.houseNumber}${unit}, ${this.postalCode} ${this.city}`
  }
}
