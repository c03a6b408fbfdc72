import Premise from '../models/premise.js'
import PremiseService from '../models/premise_service.js'
import Meter from '../models/meter.js'
import Reading from '../models/reading.js'
import ContractPremise from '../models/contract_premise.js'
import { SERVICES, type Service } from '../services.js'
import type { PremiseAnswer } from '../../shared/move_in.js'

/** "bus 3", "Bus 3", "bte 3", "box 3" and "3" are one unit. */
function normaliseUnit(unit: string | null | undefined): string {
  return (unit ?? '')
    .toLowerCase()
    .replace(/^(bus|bte|boîte|box|b)\.?\s*/u, '')
    .trim()
}

function normaliseStreet(street: string): string {
  return street.toLowerCase().replace(/\s+/g, ' ').trim()
}

/**
 * Step 1 of the move-in (UTIL-2): finding the premise a resident moves
 * into, by postal code and meter or by address, with what later steps need
 * (its services, its meters and their last readings), all inside the
 * request's tenant.
 *
 * @spec UTIL-2
 */
export const premiseLookup = {
  /** Whether the network delivers anything in this postal code. */
  async serves(postalCode: string): Promise<boolean> {
    const row = await Premise.query().where('postal_code', postalCode).select('id').first()
    return row !== null
  },

  /** The premise whose current meter has this serial, in this postal code. */
  async byMeter(postalCode: string, serial: string): Promise<Premise | null> {
    const meter = await Meter.query()
      .where('serial', serial.toUpperCase())
      .whereNull('removed_on')
      .whereHas('premise', (premise) => premise.where('postal_code', postalCode))
      .preload('premise')
      .first()
    return meter?.premise ?? null
  },

  async byAddress(address: {
    postalCode: string
    street: string
    houseNumber: string
    unit?: string | null
  }): Promise<Premise | null> {
    const candidates = await Premise.query()
      .where('postal_code', address.postalCode)
      .where('house_number', address.houseNumber.trim())
    const street = normaliseStreet(address.street)
    const unit = normaliseUnit(address.unit)
    return (
      candidates.find(
        (row) => normaliseStreet(row.street) === street && normaliseUnit(row.unit) === unit
      ) ?? null
    )
  },

  /** The services any premise of the network is connected to (for an unknown premise). */
  async offeredServices(): Promise<Service[]> {
    const rows = await PremiseService.query().distinct('service')
    const offered = new Set(rows.map((row) => row.service))
    return SERVICES.filter((service) => offered.has(service))
  },

  /** What the wizard keeps of a found premise: address, services, meters with their last reading. */
  async answer(premise: Premise, search: Pick<PremiseAnswer, 'mode' | 'meterSerial'>) {
    await premise.load('services')
    const meters = await Meter.query()
      .where('premise_id', premise.id)
      .whereNull('removed_on')
      .orderBy('service')
      .orderBy('serial')
    const last = await this.lastReadings(meters.map((meter) => meter.id))
    return {
      mode: search.mode,
      premiseId: premise.id,
      postalCode: premise.postalCode,
      meterSerial: search.meterSerial,
      street: premise.street,
      houseNumber: premise.houseNumber,
      unit: premise.unit,
      city: premise.city,
      label: premise.address,
      services: SERVICES.filter((service) =>
        premise.services.some((row) => row.service === service)
      ),
      meters: meters.map((meter) => ({
        id: meter.id,
        serial: meter.serial,
        service: meter.service,
        unit: meter.unit,
        lastValue: last.get(meter.id)?.value ?? null,
        lastReadOn: last.get(meter.id)?.readAt.toISODate() ?? null,
      })),
    } satisfies PremiseAnswer
  },

  /** The latest reading of each meter (one query per meter, on the (meter, time) index). */
  async lastReadings(meterIds: number[]): Promise<Map<number, Reading>> {
    const found = new Map<number, Reading>()
    for (const meterId of meterIds) {
      const reading = await Reading.query()
        .where('meter_id', meterId)
        .orderBy('read_at', 'desc')
        .first()
      if (reading) found.set(meterId, reading)
    }
    return found
  },

  /**
   * The monthly advance proposed for step 6: what the premise's latest
   * contract paid (its past consumption priced), or null for a premise
   * without history.
   */
  async previousAdvanceCents(premiseId: number | null): Promise<number | null> {
    if (premiseId === null) return null
    const row = await ContractPremise.query()
      .where('premise_id', premiseId)
      .preload('contract')
      .orderBy('id', 'desc')
      .first()
    return row?.contract.monthlyAdvanceCents ?? null
  },
}
