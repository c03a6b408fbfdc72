/** @spec UTIL-5 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { TenantFactory, apiToken, enablePlugin, resetWorld, sleep } from '#core/testing'
import Premise from '../../app/models/premise.js'
import Meter from '../../app/models/meter.js'
import Reading from '../../app/models/reading.js'
import ReadingRollup from '../../app/models/reading_rollup.js'
import { rollUp, useBetween } from '../../app/readings/rollups.js'

/**
 * UTIL-5, the data side: readings arrive through the plugin's API (all or
 * nothing, idempotent per meter and instant, corrections applied), and the
 * daily and monthly rollups stay right: gaps stay gaps, a register reset
 * gives no negative use, a late reading corrects its day and month.
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>

async function meters(tenant: Tenant, serials: string[]) {
  await enablePlugin(tenant, 'utility')
  return tenantContext.run(tenant.id, async () => {
    const premise = await Premise.create({
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit: 'bus 3',
      postalCode: '9000',
      city: 'Gent',
      connectionCode: `WN-${tenant.id}`,
    })
    const rows: Meter[] = []
    for (const serial of serials) {
      rows.push(
        await Meter.create({
          premiseId: premise.id,
          service: 'heat',
          serial,
          unit: 'kWh',
          installedOn: DateTime.fromISO('2023-01-02'),
        })
      )
    }
    return rows
  })
}

async function rollupsOf(tenant: Tenant, meter: Meter, period: 'day' | 'month') {
  const rows = await tenantContext.run(tenant.id, () =>
    ReadingRollup.query().where('meter_id', meter.id).where('period', period).orderBy('starts_on')
  )
  return rows.map((row) => [row.startsOn.toISODate(), row.use, row.readings])
}

async function storedValues(tenant: Tenant) {
  const rows = await tenantContext.run(tenant.id, () => Reading.query().orderBy('read_at'))
  return rows.map((row) => row.value)
}

test.group('Utility / readings and rollups', (group) => {
  resetWorld(group)

  test('the API stores a delivery once, applies corrections, and refuses a bad delivery whole, naming each line', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const [heat] = await meters(tenant, ['WM-1'])
    await meters(other, ['WM-OTHER'])
    const token = await apiToken(tenant)
    const post = (readings: unknown) =>
      client
        .post('/api/v1/utility/readings')
        .forTenant(tenant.slug)
        .bearerToken(token)
        .json({ readings })

    const delivery = [
      { meter: 'WM-1', at: '2026-11-01T00:00:00+01:00', value: 100 },
      { meter: 'wm-1', at: '2026-11-01T12:00:00+01:00', value: 110.5 },
    ]
    const first = await post(delivery)
    first.assertStatus(201)
    first.assertBodyContains({ received: 2, stored: 2, meters: 1 })
    const again = await post(delivery)
    again.assertStatus(201)
    assert.deepEqual(await storedValues(tenant), [100, 110.5])

    const corrected = await post([{ meter: 'WM-1', at: '2026-11-01T11:00:00Z', value: 111 }])
    corrected.assertStatus(201)
    assert.deepEqual(await storedValues(tenant), [100, 111])

    const bad = await post([
      { meter: 'WM-1', at: '2026-11-02T00:00:00+01:00', value: 120 },
      { meter: 'WM-OTHER', at: '2026-11-02T00:00:00+01:00', value: 1 },
      { meter: 'WM-1', at: '2026-11-02 01:00', value: 121 },
      { meter: 'WM-1', at: '2026-11-02T02:00:00+01:00', value: -4 },
    ])
    bad.assertStatus(422)
    assert.deepEqual(
      bad.body().errors.map((error: { field: string; code: string }) => [error.field, error.code]),
      [
        ['readings.1.meter', 'unknown_meter'],
        ['readings.2.at', 'invalid_instant'],
        ['readings.3.value', 'invalid_value'],
      ]
    )
    assert.deepEqual(await storedValues(tenant), [100, 111])

    const tooMany = await post(
      Array.from({ length: 10_001 }, (_, index) => ({
        meter: 'WM-1',
        at: DateTime.fromISO('2025-01-01T00:00:00Z').plus({ minutes: index }).toISO(),
        value: index,
      }))
    )
    tooMany.assertStatus(422)
    assert.lengthOf(await storedValues(tenant), 2)

    // The rollup job ran for the meter's touched days.
    let days: unknown[] = []
    for (let attempt = 0; attempt < 50 && days.length === 0; attempt++) {
      await sleep(100)
      days = await rollupsOf(tenant, heat, 'day')
    }
    assert.deepEqual(days, [['2026-11-01', 11, 2]])
  })

  test('a full delivery of 10,000 readings is stored in one go', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    await meters(tenant, ['WM-3'])
    const token = await apiToken(tenant)
    const start = DateTime.fromISO('2025-01-01T00:00:00Z')
    const response = await client
      .post('/api/v1/utility/readings')
      .forTenant(tenant.slug)
      .bearerToken(token)
      .json({
        readings: Array.from({ length: 10_000 }, (_, index) => ({
          meter: 'WM-3',
          at: start.plus({ hours: index }).toISO(),
          value: index * 1.5,
        })),
      })
    response.assertStatus(201)
    response.assertBodyContains({ received: 10_000, stored: 10_000 })
    assert.lengthOf(await storedValues(tenant), 10_000)
  })

  test('rollups: use per local day and month, gaps stay gaps, a register reset is not negative, a late reading corrects its day', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const [heat] = await meters(tenant, ['WM-2'])
    const at = (iso: string, value: number) =>
      tenantContext.run(tenant.id, () =>
        Reading.create({ meterId: heat.id, readAt: DateTime.fromISO(iso), value, source: 'api' })
      )
    // 31 October 23:30 in Brussels is still October; 1 November 00:30 is November.
    await at('2026-10-31T22:30:00Z', 1000)
    await at('2026-10-31T23:30:00Z', 1010)
    await at('2026-11-01T10:00:00Z', 1030)
    // No reading on 2 and 3 November: a gap.
    await at('2026-11-04T10:00:00Z', 1100)
    // The register was reset to zero and counts again.
    await at('2026-11-05T10:00:00Z', 15)
    await rollUp(tenant.id, heat.id, '2026-10-01')

    assert.deepEqual(await rollupsOf(tenant, heat, 'day'), [
      ['2026-10-31', 0, 1],
      ['2026-11-01', 30, 2],
      ['2026-11-04', 70, 1],
      ['2026-11-05', 15, 1],
    ])
    assert.deepEqual(await rollupsOf(tenant, heat, 'month'), [
      ['2026-10-01', 0, 1],
      ['2026-11-01', 115, 4],
    ])
    assert.equal(useBetween(1100, 15), 15)

    // A late reading on 2 November splits the use across the gap; running again changes nothing else.
    await at('2026-11-02T10:00:00Z', 1060)
    await rollUp(tenant.id, heat.id, '2026-11-02')
    await rollUp(tenant.id, heat.id, '2026-11-02')
    assert.deepEqual(await rollupsOf(tenant, heat, 'day'), [
      ['2026-10-31', 0, 1],
      ['2026-11-01', 30, 2],
      ['2026-11-02', 30, 1],
      ['2026-11-04', 40, 1],
      ['2026-11-05', 15, 1],
    ])
    assert.deepEqual(await rollupsOf(tenant, heat, 'month'), [
      ['2026-10-01', 0, 1],
      ['2026-11-01', 115, 5],
    ])
  })
})
