import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { customerAccess } from '#core/accounts'
import Contract from '../models/contract.js'
import Meter from '../models/meter.js'
import ReadingRollup from '../models/reading_rollup.js'
import { consumptionSeries, yearBefore } from '../readings/consumption.js'
import { ZONE } from '../readings/rollups.js'
import { UTILITY_SERVICES, type UtilityService } from '../../shared/move_in.js'
import type { ConsumptionPage, ConsumptionView } from '../../shared/consumption.js'

const YEAR = /^\d{4}$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/**
 * UTIL-5: a customer's consumption per service, per month of a year or per
 * day of a month, optionally beside another period, for all, some or one
 * premise of a contract they reach; the same figures as CSV. Only the
 * contract's own days count.
 *
 * @spec UTIL-5
 */
export default class ConsumptionController {
  async show(ctx: HttpContext) {
    const page = await this.#page(ctx)
    return ctx.inertia.render('utility/consumption', page)
  }

  async csv(ctx: HttpContext) {
    const page = await this.#page(ctx)
    const [series, compared] = page.series
    const header = ['period', page.period, ...(compared ? [compared.period] : []), 'unit']
    const lines = [header.join(',')]
    for (const [index, point] of (series?.points ?? []).entries()) {
      lines.push(
        [
          point.key,
          point.use ?? '',
          ...(compared ? [compared.points[index]?.use ?? ''] : []),
          page.unit ?? '',
        ].join(',')
      )
    }
    const name = `consumption-${page.service ?? 'none'}-${page.period}.csv`
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="${name}"`)
    return `${lines.join('\r\n')}\r\n`
  }

  async #page(ctx: HttpContext): Promise<ConsumptionPage> {
    const { request, auth } = ctx
    const numbers = await customerAccess.visibleNumbers(auth.user!)
    const numberOf = new Map(numbers.map((row) => [row.id, row.number]))
    const contracts = numberOf.size
      ? await Contract.query()
          .whereIn('customer_number_id', [...numberOf.keys()])
          .preload('premises', (links) => links.preload('premise').orderBy('premise_id'))
          .orderBy('starts_on', 'desc')
      : []
    const contract =
      contracts.find((row) => row.id === Number(request.input('contract'))) ?? contracts[0] ?? null
    const contractPremises = contract?.premises.map((link) => link.premiseId) ?? []
    const asked = String(request.input('premises') ?? '')
      .split(',')
      .map(Number)
      .filter((id) => contractPremises.includes(id))
    const premiseIds = asked.length ? asked : contractPremises

    const meters = premiseIds.length
      ? await Meter.query().whereIn('premise_id', premiseIds).select('id', 'service', 'unit')
      : []
    const services = UTILITY_SERVICES.filter((service) =>
      meters.some((meter) => meter.service === service)
    )
    const askedService = request.input('service') as UtilityService
    const service = services.includes(askedService) ? askedService : (services[0] ?? null)
    const serviceMeters = meters.filter((meter) => meter.service === service)
    const meterIds = serviceMeters.map((meter) => meter.id)

    const years = meterIds.length ? await this.#years(meterIds) : []
    const view: ConsumptionView = request.input('view') === 'month' ? 'month' : 'year'
    const now = DateTime.now().setZone(ZONE)
    const askedPeriod = String(request.input('period') ?? '')
    const fallback = view === 'year' ? (years.at(-1) ?? String(now.year)) : now.toFormat('yyyy-MM')
    const period =
      view === 'year'
        ? YEAR.test(askedPeriod)
          ? askedPeriod
          : fallback
        : MONTH.test(askedPeriod)
          ? askedPeriod
          : YEAR.test(askedPeriod)
            ? `${askedPeriod}-${now.toFormat('MM')}`
            : fallback
    const askedCompare = String(request.input('compare') ?? '')
    const compare =
      askedCompare === 'none'
        ? null
        : (view === 'year' ? YEAR : MONTH).test(askedCompare)
          ? askedCompare
          : yearBefore(period)

    const coverage = contract
      ? { from: contract.startsOn, to: contract.endsOn }
      : { from: now, to: now.minus({ days: 1 }) }
    const series = [await consumptionSeries(meterIds, view, period, coverage)]
    if (compare) series.push(await consumptionSeries(meterIds, view, compare, coverage))

    const query = new URLSearchParams({
      ...(contract ? { contract: String(contract.id) } : {}),
      ...(asked.length ? { premises: asked.join(',') } : {}),
      ...(service ? { service } : {}),
      view,
      period,
      compare: compare ?? 'none',
    })
    return {
      contracts: contracts.map((row) => ({
        id: row.id,
        reference: row.reference,
        customerNumber: numberOf.get(row.customerNumberId) ?? '',
        premises: row.premises.map((link) => ({ id: link.premiseId, label: link.premise.address })),
      })),
      contractId: contract?.id ?? null,
      premiseIds,
      services,
      service,
      unit: serviceMeters[0]?.unit ?? null,
      view,
      period,
      compare,
      series,
      years,
      csvUrl: `/utility/consumption.csv?${query.toString()}`,
    }
  }

  /** The years some of these meters have monthly use in. */
  async #years(meterIds: number[]): Promise<string[]> {
    const [range] = await ReadingRollup.query()
      .whereIn('meter_id', meterIds)
      .where('period', 'month')
      .min('starts_on as first')
      .max('starts_on as last')
      .pojo<{ first: string | Date | null; last: string | Date | null }>()
    if (!range?.first || !range.last) return []
    const year = (value: string | Date) =>
      value instanceof Date ? value.getFullYear() : Number(String(value).slice(0, 4))
    const years: string[] = []
    for (let current = year(range.first); current <= year(range.last); current++)
      years.push(String(current))
    return years
  }
}
