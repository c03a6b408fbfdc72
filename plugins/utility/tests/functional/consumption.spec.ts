/** @spec UTIL-5 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { TenantFactory, UserFactory, createCustomer, enablePlugin, resetWorld } from '#core/testing'
import Premise from '../../app/models/premise.js'
import Meter from '../../app/models/meter.js'
import Reading from '../../app/models/reading.js'
import Contract from '../../app/models/contract.js'
import ContractPremise from '../../app/models/contract_premise.js'
import { rollUp } from '../../app/readings/rollups.js'
import type { ConsumptionPage } from '../../shared/consumption.js'

/**
 * UTIL-5, the page's data: use per month or day from the rollups, gaps as
 * gaps, the premise filter of a multi-premise contract, the comparison with
 * a year before, only the contract's own days, and the same figures as CSV.
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>
type User = Awaited<ReturnType<typeof UserFactory.create>>

/** A premise with a heat meter read at noon on each given day (value = running total). */
async function premiseWithUse(tenant: Tenant, unit: string, days: [string, number][]) {
  return tenantContext.run(tenant.id, async () => {
    const premise = await Premise.create({
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit,
      postalCode: '9000',
      city: 'Gent',
      connectionCode: `WN-${unit}`,
    })
    const meter = await Meter.create({
      premiseId: premise.id,
      service: 'heat',
      serial: `WM-${unit}`,
      unit: 'kWh',
      installedOn: DateTime.fromISO('2023-01-02'),
    })
    for (const [day, value] of days) {
      await Reading.create({
        meterId: meter.id,
        readAt: DateTime.fromISO(`${day}T11:00:00Z`),
        value,
        source: 'api',
      })
    }
    await rollUp(tenant.id, meter.id, '2020-01-01')
    return premise
  })
}

async function contractOn(
  tenant: Tenant,
  owner: User,
  number: string,
  starts: string,
  premises: Premise[]
) {
  const { numbers } = await createCustomer(tenant, `Customer ${number}`, [number], owner)
  return tenantContext.run(tenant.id, async () => {
    const contract = await Contract.create({
      reference: `C-${number}`,
      customerNumberId: numbers[0].id,
      startsOn: DateTime.fromISO(starts),
      monthlyAdvanceCents: 9000,
      currency: 'EUR',
    })
    for (const premise of premises) {
      await ContractPremise.create({ contractId: contract.id, premiseId: premise.id })
    }
    return contract
  })
}

test.group('Utility / consumption', (group) => {
  resetWorld(group)

  test('per month of a year with the year before beside it; gaps stay gaps; a month shows its days; CSV has the same figures', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const sofie = await UserFactory.for(tenant).create()
    const three = await premiseWithUse(tenant, 'bus 3', [
      ['2025-01-31', 0],
      ['2025-02-15', 100],
      ['2026-01-31', 1000],
      ['2026-02-10', 1040],
      ['2026-02-20', 1100],
      // March 2026: no reading at all.
      ['2026-04-10', 1200],
    ])
    await contractOn(tenant, sofie, 'W-1', '2024-01-01', [three])

    const page = await client
      .get('/utility/consumption?view=year&period=2026')
      .forTenant(tenant.slug)
      .loginAs(sofie)
      .withInertia()
    page.assertInertiaComponent('utility/consumption')
    const data = page.body().props as ConsumptionPage
    assert.equal(data.service, 'heat')
    assert.equal(data.unit, 'kWh')
    assert.equal(data.compare, '2025')
    const [year, before] = data.series
    assert.deepEqual(
      year.points.slice(0, 5).map((point) => point.use),
      [1000 - 100, 100, null, 100, null]
    )
    assert.deepEqual(
      before.points.slice(0, 3).map((point) => point.use),
      [0, 100, null]
    )
    assert.deepEqual(data.years, ['2025', '2026'])

    const month = await client
      .get('/utility/consumption?view=month&period=2026-02&compare=none')
      .forTenant(tenant.slug)
      .loginAs(sofie)
      .withInertia()
    const days = month.body().props as ConsumptionPage
    assert.lengthOf(days.series, 1)
    assert.lengthOf(days.series[0].points, 28)
    assert.equal(days.series[0].points[9].use, 40)
    assert.equal(days.series[0].points[19].use, 60)
    assert.isNull(days.series[0].points[10].use)
    assert.equal(days.series[0].total, 100)

    const csv = await client
      .get('/utility/consumption.csv?view=year&period=2026&compare=2025')
      .forTenant(tenant.slug)
      .loginAs(sofie)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = csv.text().trim().split('\r\n')
    assert.equal(lines[0], 'period,2026,2025,unit')
    assert.equal(lines[2], '2026-02,100,100,kWh')
    assert.equal(lines[3], '2026-03,,,kWh')
  })

  test("a multi-premise contract filters its premises; nobody sees another customer's or the previous occupant's use", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const landlord = await UserFactory.for(tenant).create()
    const newcomer = await UserFactory.for(tenant).create()
    const twenty = await premiseWithUse(tenant, 'bus 20', [
      ['2026-05-31', 0],
      ['2026-06-15', 10],
    ])
    const twentyOne = await premiseWithUse(tenant, 'bus 21', [
      ['2026-05-31', 0],
      ['2026-06-15', 5],
      ['2026-09-20', 50],
    ])
    const building = await contractOn(tenant, landlord, 'W-2', '2023-01-01', [twenty, twentyOne])
    // The newcomer's contract on bus 21 starts in September: June is not theirs.
    await contractOn(tenant, newcomer, 'W-3', '2026-09-01', [twentyOne])

    const all = await client
      .get('/utility/consumption?period=2026')
      .forTenant(tenant.slug)
      .loginAs(landlord)
      .withInertia()
    const both = all.body().props as ConsumptionPage
    assert.deepEqual(both.premiseIds, [twenty.id, twentyOne.id])
    assert.equal(both.series[0].points[5].use, 15)

    const one = await client
      .get(`/utility/consumption?period=2026&premises=${twenty.id}`)
      .forTenant(tenant.slug)
      .loginAs(landlord)
      .withInertia()
    assert.equal((one.body().props as ConsumptionPage).series[0].points[5].use, 10)

    const theirs = await client
      .get(`/utility/consumption?period=2026&contract=${building.id}&premises=${twenty.id}`)
      .forTenant(tenant.slug)
      .loginAs(newcomer)
      .withInertia()
    const own = theirs.body().props as ConsumptionPage
    assert.notEqual(own.contractId, building.id)
    assert.deepEqual(
      own.contracts.map((row) => row.reference),
      ['C-W-3']
    )
    assert.deepEqual(own.premiseIds, [twentyOne.id])
    assert.isNull(own.series[0].points[5].use)
    assert.equal(own.series[0].points[8].use, 45)
  })
})
