import app from '@adonisjs/core/services/app'
import type { PluginSeeder } from '#core/plugins'
import { DateTime } from 'luxon'
import Premise from '../app/models/premise.js'
import PremiseService from '../app/models/premise_service.js'
import Meter from '../app/models/meter.js'
import Contract from '../app/models/contract.js'
import ContractPremise from '../app/models/contract_premise.js'
import ContractService from '../app/models/contract_service.js'
import MoveRequest from '../app/models/move_request.js'
import MoveTask from '../app/models/move_task.js'
import { DEFAULT_UNIT, type Service } from '../app/services.js'
import type { MoveInAnswers } from '../shared/move_in.js'
import { seedDemoReadings } from './demo_readings.js'

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

const TASKS = [
  'confirm_customer',
  'confirm_location',
  'confirm_contract',
  'confirm_measurements',
] as const

interface DemoMove {
  reference: string
  status: 'new' | 'waiting' | 'processed' | 'rejected'
  place: Premise
  moveDate: string
  resident: { firstName: string; lastName: string; email: string; locale: 'nl' | 'fr' | 'en' }
  tasksDone: number
  statusMessage?: string
  contractId?: number
}

/** A confirmed move-in as the wizard records it, for the staff's list. */
async function moveRequest(move: DemoMove) {
  if (await MoveRequest.findBy('reference', move.reference)) return
  await move.place.load('services')
  await move.place.load('meters')
  const services = move.place.services.map((row) => row.service)
  const answers: Required<MoveInAnswers> = {
    premise: {
      mode: 'meter',
      premiseId: move.place.id,
      postalCode: move.place.postalCode,
      meterSerial: move.place.meters[0]?.serial ?? null,
      street: move.place.street,
      houseNumber: move.place.houseNumber,
      unit: move.place.unit,
      city: move.place.city,
      label: move.place.address,
      services,
      meters: [],
    },
    moveDate: { moveDate: move.moveDate },
    resident: {
      kind: 'person',
      ...move.resident,
      organisationName: null,
      companyNumber: null,
      phone: '+32 470 00 00 00',
      correspondence: 'premise',
      address: null,
    },
    services: { choices: services.map((service) => ({ service, product: 'fixed' })) },
    readings: {
      readings: move.place.meters.map((meter) => ({
        meterId: meter.id,
        serial: meter.serial,
        service: meter.service,
        value: 1000 + meter.id,
        readOn: move.moveDate,
        lowerThanLast: false,
        attachment: null,
      })),
    },
    payment: {
      method: 'transfer',
      iban: null,
      holder: null,
      mandateAcceptedAt: null,
      advanceCents: 9000,
    },
  }
  const row = await MoveRequest.create({
    kind: 'move_in',
    status: move.status,
    reference: move.reference,
    premiseId: move.place.id,
    contractId: move.contractId ?? null,
    moveDate: DateTime.fromISO(move.moveDate),
    residentEmail: move.resident.email,
    residentLocale: move.resident.locale,
    statusMessage: move.statusMessage ?? null,
    answers: JSON.stringify({
      ...answers,
      terms: { termsVersion: '2026-01', acceptedAt: `${move.moveDate}T09:00:00.000Z` },
    }),
  })
  for (const [index, task] of TASKS.entries()) {
    await MoveTask.create({
      moveRequestId: row.id,
      task,
      doneAt: index < move.tasksDone ? DateTime.now() : null,
    })
  }
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
    const landlord = await customer({
      name: 'Woonpunt Zuid',
      numbers: ['W-200007'],
      mainContact: 'verhuur@warmte.example',
    })
    const sofie = await contract(
      'C-2024-0042',
      resident.numbers[0].id,
      [places[2]],
      8500,
      '2024-03-01'
    )
    await contract(
      'C-2023-0007',
      landlord.numbers[0].id,
      [places[19], places[20], places[21]],
      21000,
      '2023-01-02'
    )
    // Two years of hourly readings of the contracts' meters (UTIL-5); daily ones in tests.
    const supplied = [places[2], places[19], places[20], places[21]]
    await seedDemoReadings(
      await Meter.query()
        .whereIn(
          'premise_id',
          supplied.map((place) => place.id)
        )
        .orderBy('id'),
      app.inTest ? 'day' : 'hour'
    )
    // A move request in each status (UTIL-2), for the staff's Move requests page.
    const soon = DateTime.now().plus({ days: 10 }).toISODate()!
    await moveRequest({
      reference: 'MI-2026-90001',
      status: 'new',
      place: places[6],
      moveDate: soon,
      resident: {
        firstName: 'Lotte',
        lastName: 'Claes',
        email: 'lotte.claes@example.com',
        locale: 'nl',
      },
      tasksDone: 0,
    })
    await moveRequest({
      reference: 'MI-2026-90002',
      status: 'waiting',
      place: places[8],
      moveDate: soon,
      resident: {
        firstName: 'Julien',
        lastName: 'Dubois',
        email: 'julien.dubois@example.com',
        locale: 'fr',
      },
      tasksDone: 2,
      statusMessage: 'Pouvez-vous nous envoyer une photo du compteur de chaleur ?',
    })
    await moveRequest({
      reference: 'MI-2024-90003',
      status: 'processed',
      place: places[2],
      moveDate: '2024-03-01',
      resident: {
        firstName: 'Sofie',
        lastName: 'Peeters',
        email: 'bewoner@warmte.example',
        locale: 'nl',
      },
      tasksDone: 4,
      contractId: sofie.id,
    })
    await moveRequest({
      reference: 'MI-2026-90004',
      status: 'rejected',
      place: places[10],
      moveDate: soon,
      resident: {
        firstName: 'Tom',
        lastName: 'Janssens',
        email: 'tom.janssens@example.com',
        locale: 'en',
      },
      tasksDone: 1,
      statusMessage:
        'Another resident already reported a move-in at this address for the same date.',
    })
  })
}
export default seed
