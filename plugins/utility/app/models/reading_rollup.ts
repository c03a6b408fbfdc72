import { column, compose, withTenantScope } from '#core/database'
import { UtilityReadingRollupSchema } from '../../database/schema.js'

/**
 * A meter's use over one local day or month (UTIL-5), derived from its
 * readings by the rollup job.
 *
 * @spec UTIL-5
 */
export default class ReadingRollup extends compose(UtilityReadingRollupSchema, withTenantScope) {
  static table = 'utility_reading_rollups'

  declare period: 'day' | 'month'

  /** A decimal column: PostgreSQL hands it over as text. */
  @column({ consume: (value: string | number) => Number(value) })
  declare use: number
}
