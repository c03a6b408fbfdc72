import { compose, withTenantScope, belongsTo, hasMany } from '#core/database'
import type { BelongsTo, HasMany } from '#core/database'
import { UtilityMeterSchema } from '../../database/schema.js'
import type { Service } from '../services.js'
import Premise from './premise.js'
import Reading from './reading.js'

/**
 * A meter of a premise for one service; a swapped meter is a new row.
 *
 * @spec UTIL-5
 */
export default class Meter extends compose(UtilityMeterSchema, withTenantScope) {
  static table = 'utility_meters'

  declare service: Service
  declare unit: 'kWh' | 'm3' | 'GJ'

  @belongsTo(() => Premise)
  declare premise: BelongsTo<typeof Premise>

  @hasMany(() => Reading)
  declare readings: HasMany<typeof Reading>
}
