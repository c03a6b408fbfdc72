import { DateTime } from 'luxon'
import { db, sqlTimestamp, tenantContext } from '#core/database'
import Reading from '../models/reading.js'
import ReadingRollup from '../models/reading_rollup.js'

/** Consumption is counted in the tenant's local days and months. */
export const ZONE = 'Europe/Brussels'

const CHUNK = 500

/**
 * The use between two successive readings of one register. A lower value
 * means the register was reset (or replaced under the same serial): the use
 * is then the new value, counted from zero, never a negative number.
 */
export function useBetween(previous: number, next: number): number {
  return next >= previous ? next - previous : next
}

/**
 * Recomputes a meter's daily and monthly rollups from the local day `from`
 * on (UTIL-5): the use between successive readings counts on the local day
 * of the later one; days and months without readings get no row. Running
 * it again gives the same rows, so a late or corrected reading only needs
 * a rerun from its day.
 *
 * @spec UTIL-5
 */
export async function rollUp(tenantId: number, meterId: number, from: string): Promise<number> {
  return tenantContext.run(tenantId, async () => {
    const firstDay = DateTime.fromISO(from, { zone: ZONE }).startOf('day')
    const firstMonth = firstDay.startOf('month')
    const since = firstDay.toUTC()
    const baseline = await Reading.query()
      .where('meter_id', meterId)
      .where('read_at', '<', sqlTimestamp(since))
      .orderBy('read_at', 'desc')
      .first()
    const readings = await Reading.query()
      .where('meter_id', meterId)
      .where('read_at', '>=', sqlTimestamp(since))
      .orderBy('read_at')
      .select('read_at', 'value')

    const days = new Map<string, { use: number; readings: number }>()
    let previous = baseline?.value ?? null
    for (const reading of readings) {
      const day = reading.readAt.setZone(ZONE).toISODate()!
      const entry = days.get(day) ?? { use: 0, readings: 0 }
      if (previous !== null) entry.use += useBetween(previous, reading.value)
      entry.readings++
      days.set(day, entry)
      previous = reading.value
    }

    await db.transaction(async (trx) => {
      await ReadingRollup.query({ client: trx })
        .where('meter_id', meterId)
        .where('period', 'day')
        .where('starts_on', '>=', firstDay.toISODate()!)
        .delete()
      const dayRows = [...days].map(([day, entry]) => ({
        meterId,
        period: 'day' as const,
        startsOn: DateTime.fromISO(day),
        use: Math.round(entry.use * 1000) / 1000,
        readings: entry.readings,
      }))
      for (let index = 0; index < dayRows.length; index += CHUNK) {
        await ReadingRollup.createMany(dayRows.slice(index, index + CHUNK), { client: trx })
      }

      // Months from the first touched one: the sum of their days.
      const monthDays = await ReadingRollup.query({ client: trx })
        .where('meter_id', meterId)
        .where('period', 'day')
        .where('starts_on', '>=', firstMonth.toISODate()!)
        .select('starts_on', 'use', 'readings')
      const months = new Map<string, { use: number; readings: number }>()
      for (const row of monthDays) {
        const month = row.startsOn.startOf('month').toISODate()!
        const entry = months.get(month) ?? { use: 0, readings: 0 }
        entry.use += row.use
        entry.readings += row.readings
        months.set(month, entry)
      }
      await ReadingRollup.query({ client: trx })
        .where('meter_id', meterId)
        .where('period', 'month')
        .where('starts_on', '>=', firstMonth.toISODate()!)
        .delete()
      await ReadingRollup.createMany(
        [...months].map(([month, entry]) => ({
          meterId,
          period: 'month' as const,
          startsOn: DateTime.fromISO(month),
          use: Math.round(entry.use * 1000) / 1000,
          readings: entry.readings,
        })),
        { client: trx }
      )
    })
    return days.size
  })
}
