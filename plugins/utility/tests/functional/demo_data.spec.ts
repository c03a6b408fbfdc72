import { test } from '@japa/runner'
import { db } from '#core/database'
import { TenantFactory, resetWorld, seedDemoData } from '#core/testing'

/**
 * The utility plugin's demo tenant (`npm start`): Demo Warmte with its
 * building, meters, customers and contracts, created once.
 *
 * @spec UTIL-4 UTIL-5
 */
async function warmte() {
  return db.from('tenants').where('slug', 'warmte').firstOrFail()
}

test.group('Utility / demo data', (group) => {
  resetWorld(group)

  test('npm start gives Demo Warmte a building of 24 apartments with their meters, and the contracts of a resident and a landlord', async ({
    assert,
  }) => {
    const demo = await TenantFactory.create()
    await seedDemoData(demo.slug)
    const tenant = await warmte()
    assert.equal(tenant.name, 'Demo Warmte')
    assert.equal(tenant.default_locale, 'nl')

    const premises = await db.from('utility_premises').where('tenant_id', tenant.id)
    assert.lengthOf(premises, 24)
    const cooled = await db
      .from('utility_premise_services')
      .where('tenant_id', tenant.id)
      .where('service', 'cooling')
    assert.lengthOf(cooled, 6)
    // One meter per service of each apartment: 24 heat, 24 hot water, 6 cooling.
    const meters = await db.from('utility_meters').where('tenant_id', tenant.id)
    assert.lengthOf(meters, 54)

    const contracts = await db
      .from('utility_contracts')
      .join('customer_numbers', 'customer_numbers.id', 'utility_contracts.customer_number_id')
      .where('utility_contracts.tenant_id', tenant.id)
      .orderBy('reference')
      .select('reference', 'number', 'monthly_advance_cents', 'utility_contracts.id')
    assert.deepEqual(
      contracts.map((row) => [row.reference, row.number, row.monthly_advance_cents]),
      [
        ['C-2023-0007', 'W-200007', 21000],
        ['C-2024-0042', 'W-100042', 8500],
      ]
    )
    const landlordPremises = await db
      .from('utility_contract_premises')
      .join('utility_premises', 'utility_premises.id', 'utility_contract_premises.premise_id')
      .where('contract_id', contracts[0].id)
      .orderBy('utility_premises.id')
      .select('unit')
    assert.deepEqual(
      landlordPremises.map((row) => row.unit),
      ['bus 20', 'bus 21', 'bus 22']
    )
    const residentServices = await db
      .from('utility_contract_services')
      .where('contract_id', contracts[1].id)
      .orderBy('service')
      .select('service')
    assert.deepEqual(
      residentServices.map((row) => row.service),
      ['heat', 'hot_water']
    )
    // The resident logs in to the tenant's portal as the main contact of W-100042.
    const resident = await db
      .from('users')
      .where('tenant_id', tenant.id)
      .where('email', 'bewoner@warmte.example')
      .firstOrFail()
    const number = await db.from('customer_numbers').where('number', 'W-100042').firstOrFail()
    assert.equal(number.main_contact_id, resident.id)
    assert.equal(number.tenant_id, tenant.id)
  })

  test('a second start adds nothing twice and leaves the other tenants without utility data', async ({
    assert,
  }) => {
    const demo = await TenantFactory.create()
    await seedDemoData(demo.slug)
    await seedDemoData(demo.slug)
    const tenant = await warmte()
    const count = async (table: string, tenantId: number) => {
      const [row] = await db.from(table).where('tenant_id', tenantId).count('* as n')
      return Number(row.n)
    }
    assert.equal(await count('utility_premises', tenant.id), 24)
    assert.equal(await count('utility_meters', tenant.id), 54)
    assert.equal(await count('utility_contracts', tenant.id), 2)
    assert.equal(await count('utility_contract_premises', tenant.id), 4)
    assert.equal(await count('users', tenant.id), 3)
    assert.equal(await count('utility_move_requests', tenant.id), 4)
    // Readings of the contracts' 11 meters over two years (daily in tests), rolled up once.
    const readings = await count('utility_readings', tenant.id)
    assert.isAbove(readings, 11 * 700)
    assert.isBelow(readings, 11 * 740)
    assert.isAbove(await count('utility_reading_rollups', tenant.id), 11 * 700)
    assert.equal(await count('utility_move_tasks', tenant.id), 16)
    const statuses = await db
      .from('utility_move_requests')
      .where('tenant_id', tenant.id)
      .orderBy('status')
      .select('status')
    assert.deepEqual(
      statuses.map((row) => row.status),
      ['new', 'processed', 'rejected', 'waiting']
    )
    assert.equal(await count('utility_premises', demo.id), 0)
  })
})
