import type { PluginSeeder } from '#core/plugins'
import { DateTime } from 'luxon'
import Premise from '../app/models/premise.js'
import PremiseService from '../app/models/premise_service.js'
import Meter from '../app/models/meter.js'
import Contract from '../app/models/contract.js'
import ContractPremise from '../app/models/contract_premise.js'
import ContractService from '../app/models/contract_service.js'
import { DEFAULT_UNIT, type Service } from '../app/services.js'

/** The demo heat network: one building of 24 apartments in Ghent. */
const BUILDING = { street: 'Zuidparklaan', houseNumber: '12', postalCode: '9000', city: 'Gent' }
const APARTMENTS = 24
/** Apartments from this one on also get cooling. */
const COOLED_FROM = 19

function servicesOf(apartment: number): Service[] {
  return apartment >= COOLED_FROM ? ['heat', 'hot_water', 'cooling'] : ['heat', 'hot_water']
}

const SERIAL_PREFIX: Record<Service, string> = {
  heat: 'WM',
  hot_water: 'WW',
  cooling: 'KM',
  electricity: 'EM',
  water: 'WA',
  gas: 'GM',
}

async function premise(apartment: number): Promise<Premise> {
  const code = `WN-GENT-${String(apartment).padStart(4, '0')}`
  const row = await Premise.firstOrCreate(
    { connectionCode: code },
    { ...BUILDING, unit: `bus ${apartment}`, connectionCode: code, ownerName: 'Woonpunt Zuid' }
  )
  for (const service of servicesOf(apartment)) {
    await PremiseService.firstOrCreate(
      { premiseId: row.id, service },
      { premiseId: row.id, service }
    )
    const serial = `${SERIAL_PREFIX[service]}-${20450 + apartment}`
    await Meter.firstOrCreate(
      { serial },
      {
        premiseId: row.id,
        service,
        serial,
        unit: DEFAULT_UNIT[service],
        installedOn: DateTime.fromISO('2023-01-02'),
      }
    )
  }
  return row
}

async function contract(
  reference: string,
  customerNumberId: number,
  premises: Premise[],
  advanceCents: number,
  startsOn: string
) {
  const row = await Contract.firstOrCreate(
    { reference },
    {
      reference,
      customerNumberId,
      startsOn: DateTime.fromISO(startsOn),
      monthlyAdvanceCents: advanceCents,
      currency: 'EUR',
    }
  )
  const services = new Set<Service>()
  for (const place of premises) {
    await ContractPremise.firstOrCreate(
      { contractId: row.id, premiseId: place.id },
      { contractId: row.id, premiseId: place.id }
    )
    await place.load('services')
    for (const offered of place.services) services.add(offered.service)
  }
  for (const service of services) {
    await ContractService.firstOrCreate(
      { contractId: row.id, service },
      {
        contractId: row.id,
        service,
        product: service === 'cooling' ? 'Koeling basis' : 'Warmte vast',
      }
    )
  }
  return row
}

/**
 * `npm start`'s demo of the utility plugin: its own tenant "Demo Warmte"
 * (warmte.localhost:3333) with a building of 24 apartments, their heat,
 * hot-water and cooling meters, a resident's contract on one apartment and
 * a landlord's contract on three. Created once; later starts add only what
 * is missing.
 *
 * @spec UTIL-4 UTIL-5
 */
const seed: PluginSeeder = async ({ ownTenant, login, customer }) => {
  await ownTenant({ slug: 'warmte', name: 'Demo Warmte', defaultLocale: 'nl' }, async () => {
    await login({
      email: 'admin@warmte.example',
      password: 'warmte-admin-2026',
      role: 'admin',
      firstName: 'Wim',
      lastName: 'Warmte',
      locale: 'nl',
    })
    await login({
      email: 'bewoner@warmte.example',
      password: 'warmte-bewoner-2026',
      role: 'customer',
      firstName: 'Sofie',
      lastName: 'Peeters',
      locale: 'nl',
    })
    await login({
      email: 'verhuur@warmte.example',
      password: 'warmte-verhuur-2026',
      role: 'customer',
      firstName: 'Karim',
      lastName: 'El Amrani',
      locale: 'fr',
    })
    const places: Premise[] = []
    for (let apartment = 1; apartment <= APARTMENTS; apartment++) {
      places.push(await premise(apartment))
    }
    const resident = await customer({
      name: 'Sofie Peeters',
      numbers: ['W-100042'],
      mainContact: 'bewoner@warmte.example',
    })
    await contract('C-2024-0042', resident.numbers[0].id, [places[2]], 8500, '2024-03-01')
    const landlord = await customer({
      name: 'Woonpunt Zuid',
      numbers: ['W-200007'],
      mainContact: 'verhuur@warmte.example',
    })
    await contract(
      'C-2023-0007',
      landlord.numbers[0].id,
      [places[19], places[20], places[21]],
      21000,
      '2023-01-02'
    )
  })
}
export default seed
