import { DateTime } from 'luxon'
import ReadingRollup from '../models/reading_rollup.js'
import type { ConsumptionSeries, ConsumptionView } from '../../shared/consumption.js'

/** The days a contract covered: its start, and its end when it ended. */
export interface Coverage {
  from: DateTime
  to: DateTime | null
}

function keysOf(view: ConsumptionView, period: string): string[] {
  if (view === 'year') {
    return Array.from(
      { length: 12 },
      (_, index) => `${period}-${String(index + 1).padStart(2, '0')}`
    )
  }
  const month = DateTime.fromISO(`${period}-01`)
  return Array.from({ length: month.daysInMonth! }, (_, index) =>
    month.plus({ days: index }).toISODate()!
  )
}

/**
 * The use of some meters over one period (UTIL-5), from the rollups: per
 * month of a year, or per day of a month. Only the days the contract
 * covered count (a new resident never sees the previous occupant's use):
 * whole months inside it come from the monthly rollups, a first or last
 * month it covers in part from the daily ones. A period without any
 * measurement is null, never zero.
 *
 * @spec UTIL-5
 */
export async function consumptionSeries(
  meterIds: number[],
  view: ConsumptionView,
  period: string,
  coverage: Coverage
): Promise<ConsumptionSeries> {
  const keys = keysOf(view, period)
  const sums = new Map<string, number>()
  const add = (key: string, use: number) => sums.set(key, (sums.get(key) ?? 0) + use)
  const first = DateTime.fromISO(keys[0].length === 7 ? `${keys[0]}-01` : keys[0])
  const last =
    view === 'year' ? first.endOf('year').startOf('day') : first.endOf('month').startOf('day')
  const from = DateTime.max(first, coverage.from.startOf('day'))
  const to = coverage.to ? DateTime.min(last, coverage.to.startOf('day')) : last

  if (meterIds.length > 0 && from <= to) {
    if (view === 'month') {
      const days = await ReadingRollup.query()
        .whereIn('meter_id', meterIds)
        .where('period', 'day')
        .whereBetween('starts_on', [from.toISODate()!, to.toISODate()!])
        .select('starts_on', 'use')
      for (const row of days) add(row.startsOn.toISODate()!, row.use)
    } else {
      // Whole months from the monthly rollups; a month the contract covers in part, from its days.
      const wholeFrom = from.day === 1 ? from : from.plus({ months: 1 }).startOf('month')
      const wholeTo = to.equals(to.endOf('month').startOf('day'))
        ? to.startOf('month')
        : to.startOf('month').minus({ months: 1 })
      if (wholeFrom <= wholeTo) {
        const months = await ReadingRollup.query()
          .whereIn('meter_id', meterIds)
          .where('period', 'month')
          .whereBetween('starts_on', [wholeFrom.toISODate()!, wholeTo.toISODate()!])
          .select('starts_on', 'use')
        for (const row of months) add(row.startsOn.toFormat('yyyy-MM'), row.use)
      }
      const partial: [DateTime, DateTime][] = []
      if (from < wholeFrom)
        partial.push([from, DateTime.min(to, from.endOf('month').startOf('day'))])
      if (wholeTo < to.startOf('month') && to.startOf('month') >= wholeFrom) {
        partial.push([to.startOf('month'), to])
      }
      for (const [start, end] of partial) {
        const days = await ReadingRollup.query()
          .whereIn('meter_id', meterIds)
          .where('period', 'day')
          .whereBetween('starts_on', [start.toISODate()!, end.toISODate()!])
          .select('starts_on', 'use')
        for (const row of days) add(row.startsOn.toFormat('yyyy-MM'), row.use)
      }
    }
  }

  const points = keys.map((key) => ({
    key,
    use: sums.has(key) ? Math.round(sums.get(key)! * 1000) / 1000 : null,
  }))
  const known = points.filter((point) => point.use !== null)
  return {
    period,
    points,
    total: known.length
      ? Math.round(known.reduce((sum, point) => sum + point.use!, 0) * 1000) / 1000
      : null,
  }
}

/** The period a year before ("2025" for "2026", "2025-03" for "2026-03"). */
export function yearBefore(period: string, years = 1): string {
  const [year, month] = period.split('-')
  return month ? `${Number(year) - years}-${month}` : String(Number(year) - years)
}
