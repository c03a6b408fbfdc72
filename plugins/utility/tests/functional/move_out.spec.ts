/** @spec UTIL-3 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { sqlTimestamp } from '#core/database'
import {
  TenantFactory,
  UserFactory,
  createCustomer,
  enablePlugin,
  fieldErrors,
  maildev,
  resetWorld,
  sleep,
} from '#core/testing'
import Premise from '../../app/models/premise.js'
import PremiseService from '../../app/models/premise_service.js'
import Meter from '../../app/models/meter.js'
import Reading from '../../app/models/reading.js'
import Contract from '../../app/models/contract.js'
import ContractPremise from '../../app/models/contract_premise.js'
import MoveRequest from '../../app/models/move_request.js'
import MoveTask from '../../app/models/move_task.js'
import ReadingRollup from '../../app/models/reading_rollup.js'
import type { MoveOutAnswers, MoveOutPage } from '../../shared/move_out.js'

/**
 * UTIL-3: a customer reports leaving a premise of their contract; staff
 * process it and the contract ends on the move-out date. Nobody reports a
 * move-out of someone else's contract.
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>
type User = Awaited<ReturnType<typeof UserFactory.create>>

async function supplied(tenant: Tenant, owner: User | null, number: string, unit: string) {
  const { numbers } = await createCustomer(tenant, `Customer ${number}`, [number], owner)
  return tenantContext.run(tenant.id, async () => {
    const premise = await Premise.create({
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit,
      postalCode: '9000',
      city: 'Gent',
      connectionCode: `WN-${number}`,
    })
    await PremiseService.create({ premiseId: premise.id, service: 'heat' })
    const meter = await Meter.create({
      premiseId: premise.id,
      service: 'heat',
      serial: `WM-${number}`,
      unit: 'kWh',
      installedOn: DateTime.fromISO('2023-01-02'),
    })
    await Reading.create({
      meterId: meter.id,
      readAt: DateTime.now().minus({ days: 40 }).startOf('day'),
      value: 4000,
      source: 'staff',
    })
    const contract = await Contract.create({
      reference: `C-${number}`,
      customerNumberId: numbers[0].id,
      startsOn: DateTime.fromISO('2024-03-01'),
      monthlyAdvanceCents: 8500,
      currency: 'EUR',
    })
    await ContractPremise.create({ contractId: contract.id, premiseId: premise.id })
    return { premise, meter, contract }
  })
}

const today = () => DateTime.now().setZone('Europe/Brussels').toISODate()!

function form(
  place: Awaited<ReturnType<typeof supplied>>,
  submissionId: string,
  changes: Record<string, string> = {}
): Record<string, string> {
  return {
    'submissionId': submissionId,
    'contractId': String(place.contract.id),
    'premiseId': String(place.premise.id),
    'moveDate': today(),
    'readings[0][meterId]': String(place.meter.id),
    'readings[0][value]': '4321.5',
    'readings[0][readOn]': today(),
    'forwardingAddress[street]': 'Kouter',
    'forwardingAddress[houseNumber]': '1',
    'forwardingAddress[postalCode]': '9000',
    'forwardingAddress[city]': 'Gent',
    'forwardingAddress[country]': 'BE',
    'confirm': 'true',
    ...changes,
  }
}

test.group('Utility / move-out', (group) => {
  resetWorld(group)

  test('a customer reports a move-out once, however often it is sent; staff process it and the contract ends that day', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const sofie = await UserFactory.for(tenant)
      .merge({ email: 'sofie@example.com', locale: 'nl' })
      .create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const place = await supplied(tenant, sofie, 'W-100042', 'bus 3')

    const page = await client
      .get('/utility/move-out')
      .forTenant(tenant.slug)
      .loginAs(sofie)
      .withInertia()
    page.assertInertiaComponent('utility/move_out/form')
    const props = page.body().props as MoveOutPage
    assert.deepEqual(
      props.contracts.map((contract) => [contract.reference, contract.customerNumber]),
      [['C-W-100042', 'W-100042']]
    )
    assert.equal(props.contracts[0].premises[0].meters[0].lastValue, 4000)

    const submissionId = randomUUID()
    const send = () =>
      client
        .post('/utility/move-out')
        .forTenant(tenant.slug)
        .loginAs(sofie)
        .withCsrfToken()
        .form({ ...form(place, submissionId), 'nextOccupant[name]': 'Jan Peeters' })
        .redirects(0)
    const [first, second] = await Promise.all([send(), send()])
    first.assertHeader('location', '/utility/move-out')
    second.assertStatus(302)
    const requests = await tenantContext.run(tenant.id, () =>
      MoveRequest.query().where('kind', 'move_out')
    )
    assert.lengthOf(requests, 1)
    const [request] = requests
    assert.match(request.reference, /^MO-\d{4}-\d{5}$/)
    assert.equal(request.contractId, place.contract.id)
    const answers = JSON.parse(request.answers) as MoveOutAnswers
    assert.equal(answers.readings[0].value, 4321.5)
    assert.equal(answers.forwardingAddress.street, 'Kouter')
    assert.deepEqual(answers.nextOccupant, { name: 'Jan Peeters', email: null, phone: null })
    const [received] = await maildev.waitFor('sofie@example.com')
    assert.include(received.subject, `We ontvingen uw uithuizing (${request.reference})`)

    await tenantContext.run(tenant.id, () =>
      MoveTask.query().where('move_request_id', request.id).update({ done_at: sqlTimestamp() })
    )
    const processed = await client
      .post(`/admin/utility/moves/${request.id}/process`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    processed.assertStatus(302)
    const ended = await tenantContext.run(tenant.id, () => Contract.findOrFail(place.contract.id))
    assert.equal(ended.endsOn?.toISODate(), today())
    const final = await tenantContext.run(tenant.id, () =>
      Reading.query().where('meter_id', place.meter.id).where('source', 'move').firstOrFail()
    )
    assert.equal(final.value, 4321.5)
    // The final reading counts in the consumption: its day is rolled up (321.5 since the last one).
    let day: ReadingRollup | null = null
    for (let attempt = 0; attempt < 50 && !day; attempt++) {
      await sleep(100)
      day = await tenantContext.run(tenant.id, () =>
        ReadingRollup.query()
          .where('meter_id', place.meter.id)
          .where('period', 'day')
          .where('starts_on', today())
          .first()
      )
    }
    assert.equal(day?.use, 321.5)
    const mails = await maildev.waitFor('sofie@example.com', { count: 2 })
    assert.isTrue(
      mails.some((mail) => mail.subject.includes(`Uw uithuizing ${request.reference} is verwerkt`))
    )

    // An ended contract is no longer offered.
    const after = await client
      .get('/utility/move-out')
      .forTenant(tenant.slug)
      .loginAs(sofie)
      .withInertia()
    const later = after.body().props as MoveOutPage
    assert.equal(later.requests[0].reference, request.reference)
    assert.equal(later.requests[0].status, 'processed')
  })

  test("refused: another customer's contract, a date outside the window, a lower reading, no forwarding address", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const sofie = await UserFactory.for(tenant).merge({ locale: 'en' }).create()
    const karim = await UserFactory.for(tenant).create()
    const own = await supplied(tenant, sofie, 'W-100042', 'bus 3')
    const theirs = await supplied(tenant, karim, 'W-200007', 'bus 20')
    const post = (fields: Record<string, string>) =>
      client
        .post('/utility/move-out')
        .forTenant(tenant.slug)
        .loginAs(sofie)
        .withCsrfToken()
        .form(fields)
        .redirects(0)

    const foreign = await post(form(theirs, randomUUID()))
    assert.deepEqual(fieldErrors(foreign).premiseId, [
      'Choose one of the addresses of your current contracts.',
    ])
    const mixed = await post(form(own, randomUUID(), { premiseId: String(theirs.premise.id) }))
    assert.exists(fieldErrors(mixed).premiseId)
    const late = await post(
      form(own, randomUUID(), { moveDate: DateTime.now().plus({ days: 200 }).toISODate()! })
    )
    assert.match(fieldErrors(late).moveDate[0], /^The move date must lie between /)
    const lower = await post(form(own, randomUUID(), { 'readings[0][value]': '3999' }))
    assert.match(
      fieldErrors(lower)['readings.0.value'][0],
      /lower than the last reading we know \(4000/
    )
    const nowhere = await post(form(own, randomUUID(), { 'forwardingAddress[street]': '' }))
    assert.exists(fieldErrors(nowhere)['forwardingAddress.street'])
    const unconfirmed = await post(form(own, randomUUID(), { confirm: '' }))
    assert.deepEqual(fieldErrors(unconfirmed).confirm, [
      'Tick the box to confirm that your contract ends on the move-out date.',
    ])

    const none = await tenantContext.run(tenant.id, () =>
      MoveRequest.query().where('kind', 'move_out')
    )
    assert.lengthOf(none, 0)
    const untouched = await tenantContext.run(tenant.id, () =>
      Contract.findOrFail(theirs.contract.id)
    )
    assert.isNull(untouched.endsOn)

    // Lower, but confirmed: accepted with a note.
    const confirmed = await post(
      form(own, randomUUID(), { 'readings[0][value]': '3999', 'readings[0][confirmLower]': 'true' })
    )
    confirmed.assertHeader('location', '/utility/move-out')
    const request = await tenantContext.run(tenant.id, () =>
      MoveRequest.findByOrFail('kind', 'move_out')
    )
    const answers = JSON.parse(request.answers) as MoveOutAnswers
    assert.isTrue(answers.readings[0].lowerThanLast)
  })

  test('a user who is main contact of no number sees no contract to end', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await enablePlugin(tenant, 'utility')
    const shared = await UserFactory.for(tenant).create()
    await supplied(tenant, null, 'W-100042', 'bus 3')
    const page = await client
      .get('/utility/move-out')
      .forTenant(tenant.slug)
      .loginAs(shared)
      .withInertia()
    const props = page.body().props as MoveOutPage
    assert.lengthOf(props.contracts, 0)
  })
})
