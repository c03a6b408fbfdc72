/**
 * The services a premise can be delivered (UTIL-2 step 4, UTIL-5), and the
 * unit each one's meters count in by default.
 *
 * @spec UTIL-2 UTIL-5
 */
import type { UtilityService } from '../shared/move_in.js'

export { UTILITY_SERVICES as SERVICES } from '../shared/move_in.js'
export type Service = UtilityService

export const DEFAULT_UNIT: Record<Service, 'kWh' | 'm3' | 'GJ'> = {
  heat: 'kWh',
  hot_water: 'm3',
  cooling: 'kWh',
  electricity: 'kWh',
  water: 'm3',
  gas: 'm3',
}
