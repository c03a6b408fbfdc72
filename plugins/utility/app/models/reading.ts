import { column, compose, withTenantScope } from '#core/database'
import { UtilityReadingSchema } from '../../database/schema.js'

/**
 * A meter's register value at an instant (one per meter and timestamp).
 *
 * @spec UTIL-5
 */
export default class Reading extends compose(UtilityReadingSchema, withTenantScope) {
  static table = 'utility_readings'

  declare source: 'api' | 'import' | 'move' | 'staff'

  /** A decimal column: PostgreSQL hands it over as text. */
  @column({ consume: (value: string | number) => Number(value) })
  declare value: number
}
