/**
 * The consumption page (UTIL-5): plain types shared by the server and the
 * page.
 *
 * @spec UTIL-5
 */
import type { UtilityService } from './move_in.js'

export type ConsumptionView = 'year' | 'month'

/** One bar: the period's key ("2026-03" in a year, "2026-03-14" in a month) and its use; null is a gap. */
export interface ConsumptionPoint {
  key: string
  use: number | null
}

export interface ConsumptionSeries {
  /** The period this series covers: "2026" or "2026-03". */
  period: string
  points: ConsumptionPoint[]
  /** The sum of the known points (null when every point is a gap). */
  total: number | null
}

/** Props of the page `utility/consumption`. */
export interface ConsumptionPage {
  /** The contracts the user reaches, with their premises. */
  contracts: {
    id: number
    reference: string
    customerNumber: string
    premises: { id: number; label: string }[]
  }[]
  /** What is shown (after defaults): the contract, its premises chosen (all when none was asked). */
  contractId: number | null
  premiseIds: number[]
  /** The services of the chosen premises' meters, and the one shown. */
  services: UtilityService[]
  service: UtilityService | null
  unit: string | null
  view: ConsumptionView
  /** "2026" (year view) or "2026-03" (month view). */
  period: string
  /** The period compared with (default: the same period a year before); null for none. */
  compare: string | null
  /** The first series is `period`, the second (if any) `compare`; points align by position. */
  series: ConsumptionSeries[]
  /** The periods for which there is any data, to pick from (years, or months of the year). */
  years: string[]
  /** The same query as a CSV download. */
  csvUrl: string
}
