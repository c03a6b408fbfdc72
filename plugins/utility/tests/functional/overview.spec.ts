import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { TenantFactory, UserFactory, createCustomer, enablePlugin, resetWorld } from '#core/testing'
import Premise from '../../app/models/premise.js'
import PremiseService from '../../app/models/premise_service.js'
import Contract from '../../app/models/contract.js'
import ContractPremise from '../../app/models/contract_premise.js'
import ContractService from '../../app/models/contract_service.js'
import Invoice from '../../app/models/invoice.js'

/**
 * UTIL-4: the portal home shows a customer their current contracts (premises,
 * services and products, advance, start) and their open invoices; nobody
 * sees another customer's.
 *
 * @spec UTIL-4
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>

async function supplied(tenant: Tenant, numberId: number, unit: string, reference: string) {
  return tenantContext.run(tenant.id, async () => {
    const premise = await Premise.create({
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit,
      postalCode: '9000',
      city: 'Gent',
      connectionCode: `WN-${reference}`,
    })
    await PremiseService.create({ premiseId: premise.id, service: 'heat' })
    const contract = await Contract.create({
      reference,
      customerNumberId: numberId,
      startsOn: DateTime.fromISO('2024-03-01'),
      monthlyAdvanceCents: 8500,
      currency: 'EUR',
    })
    await ContractPremise.create({ contractId: contract.id, premiseId: premise.id })
    await ContractService.create({
      contractId: contract.id,
      service: 'heat',
      product: 'Warmte vast',
    })
    return contract
  })
}

async function invoice(
  tenant: Tenant,
  contract: Contract,
  number: string,
  cents: number,
  status: Invoice['status'],
  dueOn: string
) {
  await tenantContext.run(tenant.id, () =>
    Invoice.create({
      contractId: contract.id,
      number,
      issuedOn: DateTime.fromISO('2026-11-01'),
      dueOn: DateTime.fromISO(dueOn),
      amountCents: cents,
      currency: 'EUR',
      status,
    })
  )
}

async function overviewOf(client: ApiClient, tenant: Tenant, user: unknown) {
  const page = await client
    .get('/')
    .forTenant(tenant.slug)
    .withInertia()
    .loginAs(user as any)
  page.assertStatus(200)
  const slots = (page.inertiaProps as { slots: { plugin: string; props: any }[] }).slots
  return slots.find((panel) => panel.plugin === 'utility')?.props ?? null
}

test.group('Utility / overview on the portal home', (group) => {
  resetWorld(group)

  test('a resident sees their contract, its premise, services, advance and the open invoices due', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const resident = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Sofie Peeters', ['W-1'], resident)
    const contract = await supplied(tenant, numbers[0].id, 'bus 3', 'C-1')

    const before = await overviewOf(client, tenant, resident)
    assert.deepEqual(before, {
      contracts: [
        {
          reference: 'C-1',
          customerNumber: 'W-1',
          premises: ['Zuidparklaan 12 bus 3, 9000 Gent'],
          services: [{ service: 'heat', product: 'Warmte vast' }],
          advanceCents: 8500,
          currency: 'EUR',
          startsOn: '2024-03-01',
        },
      ],
      openInvoices: { count: 0, due: [], nextDueOn: null },
    })

    await invoice(tenant, contract, 'F-1', 12345, 'open', '2026-12-20')
    await invoice(tenant, contract, 'F-2', 4000, 'open', '2026-12-10')
    await invoice(tenant, contract, 'F-0', 9999, 'paid', '2026-10-10')
    const after = await overviewOf(client, tenant, resident)
    assert.deepEqual(after.openInvoices, {
      count: 2,
      due: [{ currency: 'EUR', cents: 16345 }],
      nextDueOn: '2026-12-10',
    })
  })

  test("nobody sees another customer's contract; an ended contract and staff show no overview", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const resident = await UserFactory.for(tenant).create()
    const neighbour = await UserFactory.for(tenant).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const mine = await createCustomer(tenant, 'Sofie Peeters', ['W-1'], resident)
    const theirs = await createCustomer(tenant, 'Jan Janssens', ['W-2'], neighbour)
    await supplied(tenant, mine.numbers[0].id, 'bus 3', 'C-1')
    const ended = await supplied(tenant, theirs.numbers[0].id, 'bus 4', 'C-2')

    const own = await overviewOf(client, tenant, resident)
    assert.deepEqual(
      own.contracts.map((row: { reference: string }) => row.reference),
      ['C-1']
    )
    assert.isNotNull(await overviewOf(client, tenant, neighbour))
    await tenantContext.run(tenant.id, async () => {
      ended.endsOn = DateTime.fromISO('2026-06-30')
      await ended.save()
    })
    assert.isNull(await overviewOf(client, tenant, neighbour))
    assert.isNull(await overviewOf(client, tenant, staff))

    // Another tenant's customer, with the plugin enabled there too, sees nothing of this one.
    const other = await TenantFactory.create()
    await enablePlugin(other, 'utility')
    const stranger = await UserFactory.for(other).create()
    await createCustomer(other, 'Someone', ['W-1'], stranger)
    assert.isNull(await overviewOf(client, other, stranger))
  })
})
