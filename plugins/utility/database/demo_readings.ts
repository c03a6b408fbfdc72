import { DateTime } from 'luxon'
import { db } from '#core/database'
import type Meter from '../app/models/meter.js'
import Reading from '../app/models/reading.js'
import { rollUp, ZONE } from '../app/readings/rollups.js'
import type { Service } from '../app/services.js'

/** A small deterministic random generator (the same demo on every machine). */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Typical use per day in the meter's unit, by day of the year (0 = 1 January). */
function dailyUse(service: Service, dayOfYear: number): number {
  const winter = (Math.cos(((dayOfYear - 15) / 365) * 2 * Math.PI) + 1) / 2
  switch (service) {
    case 'heat':
      return 2 + 28 * winter
    case 'cooling':
      return 9 * (1 - winter) ** 3
    case 'hot_water':
      return 0.11
    default:
      return 1
  }
}

/** More use in the morning and the evening. */
const HOURS = [
  0.5, 0.4, 0.4, 0.4, 0.5, 0.8, 1.6, 2, 1.6, 1, 0.9, 0.9, 1, 0.9, 0.8, 0.8, 1, 1.4, 1.8, 1.8, 1.5,
  1.2, 0.9, 0.6,
]
const HOUR_TOTAL = HOURS.reduce((sum, weight) => sum + weight, 0)

/**
 * Two years of hourly register readings for demo meters (UTIL-5), ending
 * at the last full hour, then their daily and monthly rollups. A meter that
 * already has readings is left alone. One meter has a week without
 * readings, which the consumption page shows as a gap.
 *
 * @spec UTIL-5
 */
export async function seedDemoReadings(meters: Meter[], resolution: 'hour' | 'day' = 'hour') {
  const end = DateTime.now().setZone(ZONE).startOf('hour')
  const start = end.minus({ years: 2 }).startOf('day')
  const step = resolution === 'hour' ? { hours: 1 } : { days: 1 }
  for (const [index, meter] of meters.entries()) {
    if (await Reading.query().where('meter_id', meter.id).first()) continue
    const next = random(meter.id * 7919)
    const gap =
      index === 0 ? [end.minus({ months: 10 }), end.minus({ months: 10 }).plus({ days: 7 })] : null
    let value = 1000 + Math.round(next() * 4000)
    const rows: {
      tenant_id: number
      meter_id: number
      read_at: string
      value: number
      source: string
      created_at: string
    }[] = []
    const created = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    for (let at = start; at <= end; at = at.plus(step)) {
      const share = resolution === 'hour' ? HOURS[at.hour] / HOUR_TOTAL : 1
      value += dailyUse(meter.service, at.ordinal - 1) * share * (0.8 + 0.4 * next())
      if (gap && at >= gap[0] && at < gap[1]) continue
      rows.push({
        tenant_id: meter.tenantId,
        meter_id: meter.id,
        read_at: at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'),
        value: Math.round(value * 1000) / 1000,
        source: 'api',
        created_at: created,
      })
    }
    await db.transaction(async (trx) => {
      // SQLite takes at most 500 rows in one insert.
      for (let chunk = 0; chunk < rows.length; chunk += 400) {
        await trx.table('utility_readings').insert(rows.slice(chunk, chunk + 400))
      }
    })
    await rollUp(meter.tenantId, meter.id, start.toISODate()!)
  }
}
