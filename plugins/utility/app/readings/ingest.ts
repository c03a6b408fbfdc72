import { DateTime } from 'luxon'
import { db, sqlTimestamp } from '#core/database'
import { queue } from '#core/jobs'
import Meter from '../models/meter.js'
import { ROLLUP_QUEUE, type RollupJob } from '../../jobs/index.js'
import { ZONE } from './rollups.js'

/** The most readings one delivery may hold. */
export const MAX_BATCH = 10_000

/** Rows per insert: SQLite takes at most 500 in one statement. */
const CHUNK = 400

/** One reading as the API and the CSV import deliver it. */
export interface IncomingReading {
  /** The meter's serial ("WM-20455"). */
  meter: string
  /** The instant, ISO 8601 with its offset ("2026-12-01T10:00:00+01:00"). */
  at: string
  value: number
}

/** A refused delivery: which line (0-based) and field, and why. Nothing was stored. */
export class ReadingsRefused extends Error {
  constructor(
    readonly problems: { line: number; field: 'meter' | 'at' | 'value'; reason: string }[]
  ) {
    super(`${problems.length} reading(s) refused`)
  }
}

/**
 * Stores a delivery of meter readings (UTIL-5): every line is checked
 * first (a known meter of the tenant, an instant with its offset, a
 * non-negative value), and a delivery with one bad line stores nothing and
 * names the lines. Idempotent per meter and instant: the same reading again
 * changes nothing, a different value for it corrects it. Then each touched
 * meter's rollups are recomputed from the earliest local day it got.
 *
 * @spec UTIL-5
 */
export async function ingestReadings(
  lines: IncomingReading[],
  source: 'api' | 'import'
): Promise<{ stored: number; meters: number }> {
  if (lines.length > MAX_BATCH) {
    throw new ReadingsRefused([{ line: MAX_BATCH, field: 'meter', reason: 'too_many' }])
  }
  const serials = [...new Set(lines.map((line) => String(line.meter ?? '').toUpperCase()))]
  const meters = new Map<string, number>()
  for (let index = 0; index < serials.length; index += CHUNK) {
    const found = await Meter.query()
      .whereIn('serial', serials.slice(index, index + CHUNK))
      .select('id', 'serial')
    for (const meter of found) meters.set(meter.serial, meter.id)
  }

  const problems: ReadingsRefused['problems'] = []
  const rows = new Map<string, { meter_id: number; read_at: string; value: number }>()
  const earliest = new Map<number, DateTime>()
  const now = DateTime.utc().plus({ minutes: 5 })
  for (const [line, reading] of lines.entries()) {
    const meterId = meters.get(String(reading.meter ?? '').toUpperCase())
    if (meterId === undefined) problems.push({ line, field: 'meter', reason: 'unknown_meter' })
    const at =
      typeof reading.at === 'string' && /(Z|[+-]\d{2}:?\d{2})$/.test(reading.at)
        ? DateTime.fromISO(reading.at, { setZone: true })
        : null
    if (!at?.isValid) problems.push({ line, field: 'at', reason: 'invalid_instant' })
    else if (at > now) problems.push({ line, field: 'at', reason: 'in_the_future' })
    const value = reading.value
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1e13) {
      problems.push({ line, field: 'value', reason: 'invalid_value' })
    }
    if (meterId === undefined || !at?.isValid || problems.at(-1)?.line === line) continue
    const utc = at.toUTC()
    rows.set(`${meterId}|${utc.toMillis()}`, {
      meter_id: meterId,
      read_at: utc.toFormat('yyyy-MM-dd HH:mm:ss'),
      value,
    })
    const first = earliest.get(meterId)
    if (!first || utc < first) earliest.set(meterId, utc)
  }
  if (problems.length > 0) throw new ReadingsRefused(problems.slice(0, 100))

  const created = sqlTimestamp()
  const all = [...rows.values()]
  await db.transaction(async (trx) => {
    const owner = await Meter.query({ client: trx })
      .where('id', all[0]?.meter_id ?? 0)
      .first()
    const tenantId = owner?.tenantId
    if (tenantId === undefined) return
    for (let index = 0; index < all.length; index += CHUNK) {
      await trx
        .table('utility_readings')
        .insert(
          all
            .slice(index, index + CHUNK)
            .map((row) => ({ ...row, tenant_id: tenantId, source, created_at: created }))
        )
        .onConflict(['meter_id', 'read_at'])
        .merge(['value'])
    }
  })

  await queueRollups(earliest)
  return { stored: all.length, meters: earliest.size }
}

/**
 * Queues the rollup job of each meter from the earliest instant it got a
 * reading (local day), after readings were stored.
 */
export async function queueRollups(earliest: Map<number, DateTime>): Promise<void> {
  if (earliest.size === 0) return
  const meters = await Meter.query()
    .whereIn('id', [...earliest.keys()])
    .select('id', 'tenant_id')
  await Promise.all(
    meters.map((meter) =>
      queue(ROLLUP_QUEUE).add('rollup', {
        tenantId: meter.tenantId,
        meterId: meter.id,
        from: earliest.get(meter.id)!.setZone(ZONE).toISODate()!,
      } satisfies RollupJob)
    )
  )
}
