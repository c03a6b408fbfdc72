/** @spec UTIL-2 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { sqlTimestamp } from '#core/database'
import { coreServices } from '#core/services'
import {
  TenantFactory,
  UserFactory,
  createCustomer,
  enablePlugin,
  fieldErrors,
  maildev,
  resetWorld,
} from '#core/testing'
import Premise from '../../app/models/premise.js'
import PremiseService from '../../app/models/premise_service.js'
import Meter from '../../app/models/meter.js'
import Reading from '../../app/models/reading.js'
import Contract from '../../app/models/contract.js'
import ContractPremise from '../../app/models/contract_premise.js'
import MoveRequest from '../../app/models/move_request.js'
import MoveTask from '../../app/models/move_task.js'
import type { MoveInAnswers } from '../../shared/move_in.js'
import type { MoveRequestDetail, MoveRequestList } from '../../shared/move_requests.js'

/**
 * UTIL-2, staff side: the move requests to handle, the four tasks, and the
 * decisions (waiting, rejected, processed) with what each e-mails the
 * resident; processing a move-in into an occupied premise ends the current
 * contract the day before and opens the resident's own.
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>

async function building(tenant: Tenant) {
  await enablePlugin(tenant, 'utility', { customerNumberPrefix: 'W-' })
  return tenantContext.run(tenant.id, async () => {
    const premises: Premise[] = []
    for (const unit of ['bus 3', 'bus 4']) {
      const premise = await Premise.create({
        street: 'Zuidparklaan',
        houseNumber: '12',
        unit,
        postalCode: '9000',
        city: 'Gent',
        connectionCode: `WN-${unit}`,
      })
      await PremiseService.create({ premiseId: premise.id, service: 'heat' })
      await Meter.create({
        premiseId: premise.id,
        service: 'heat',
        serial: `WM-${premise.id}`,
        unit: 'kWh',
        installedOn: DateTime.fromISO('2023-01-02'),
      })
      premises.push(premise)
    }
    return premises
  })
}

function answersFor(
  premise: Premise | null,
  email: string,
  moveDate: string
): Required<MoveInAnswers> {
  return {
    premise: {
      mode: 'address',
      premiseId: premise?.id ?? null,
      postalCode: '9000',
      meterSerial: null,
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit: premise?.unit ?? 'bus 99',
      city: 'Gent',
      label: premise?.address ?? 'Zuidparklaan 12 bus 99, 9000 Gent',
      services: ['heat'],
      meters: [],
    },
    moveDate: { moveDate },
    resident: {
      kind: 'person',
      firstName: 'Lotte',
      lastName: 'Claes',
      organisationName: null,
      companyNumber: null,
      email,
      phone: '+32 470 12 34 56',
      locale: 'fr',
      correspondence: 'premise',
      address: null,
    },
    services: { choices: [{ service: 'heat', product: 'variable' }] },
    readings: {
      readings: [
        {
          meterId: null,
          serial: 'X',
          service: 'heat',
          value: 1510,
          readOn: moveDate,
          lowerThanLast: false,
          attachment: null,
        },
      ],
    },
    payment: {
      method: 'direct_debit',
      iban: 'BE68539007547034',
      holder: 'Lotte Claes',
      mandateAcceptedAt: new Date().toISOString(),
      advanceCents: 9500,
    },
  }
}

async function received(
  tenant: Tenant,
  premise: Premise | null,
  email: string,
  moveDate = '2027-01-15',
  status: MoveRequest['status'] = 'new'
) {
  return tenantContext.run(tenant.id, async () => {
    const answers = answersFor(premise, email, moveDate)
    if (premise) {
      const meter = await Meter.findByOrFail('premise_id', premise.id)
      answers.readings.readings[0] = {
        ...answers.readings.readings[0],
        meterId: meter.id,
        serial: meter.serial,
      }
    }
    const request = await MoveRequest.create({
      kind: 'move_in',
      status,
      reference: `MI-2026-${randomUUID().slice(0, 5)}`,
      moveInKey: randomUUID(),
      premiseId: premise?.id ?? null,
      moveDate: DateTime.fromISO(moveDate),
      residentEmail: email,
      residentLocale: 'fr',
      answers: JSON.stringify({ ...answers, terms: { termsVersion: '2026-01', acceptedAt: 'x' } }),
    })
    for (const task of [
      'confirm_customer',
      'confirm_location',
      'confirm_contract',
      'confirm_measurements',
    ] as const) {
      await MoveTask.create({ moveRequestId: request.id, task })
    }
    return request
  })
}

async function numberOf(tenant: Tenant, id: number) {
  const numbers = await coreServices('utility').customers.numbersByIds(tenant.id, [id])
  return numbers.get(id)
}

async function reload(tenant: Tenant, request: MoveRequest) {
  return tenantContext.run(tenant.id, () => MoveRequest.findOrFail(request.id))
}

test.group('Utility / move requests for staff', (group) => {
  resetWorld(group)

  test('the list: to be processed first (new and waiting), counts per tab, filters by kind and premise', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const [three, four] = await building(tenant)
    const first = await received(tenant, three, 'a@example.com')
    await received(tenant, four, 'b@example.com', '2027-01-20', 'waiting')
    await received(tenant, four, 'c@example.com', '2027-01-21', 'processed')
    await received(tenant, null, 'd@example.com', '2027-01-22', 'rejected')

    const page = await client
      .get('/admin/utility/moves')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    page.assertInertiaComponent('utility/admin/moves/index')
    const list = page.body().props as MoveRequestList
    assert.deepEqual(list.counts, { open: 2, processed: 1, rejected: 1, all: 4 })
    assert.deepEqual(
      list.rows.map((row) => [row.email, row.status, row.tasksDone]),
      [
        ['a@example.com', 'new', 0],
        ['b@example.com', 'waiting', 0],
      ]
    )
    assert.equal(list.rows[0].premise, 'Zuidparklaan 12 bus 3, 9000 Gent')
    assert.equal(list.rows[0].resident, 'Lotte Claes')

    const filtered = await client
      .get('/admin/utility/moves?tab=all&premise=bus%204&kind=move_in')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const some = filtered.body().props as MoveRequestList
    assert.deepEqual(some.rows.map((row) => row.email).sort(), ['b@example.com', 'c@example.com'])
    const outs = await client
      .get('/admin/utility/moves?tab=all&kind=move_out')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    assert.lengthOf((outs.body().props as MoveRequestList).rows, 0)

    const detail = await client
      .get(`/admin/utility/moves/${first.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const shown = detail.body().props as MoveRequestDetail
    assert.equal(shown.request.reference, first.reference)
    assert.equal(shown.answers.payment?.iban, 'BE68539007547034')
    assert.isFalse(shown.canProcess)
    assert.lengthOf(shown.tasks, 4)
  })

  test('processing a move-in: four tasks first; then the occupant contract ends the day before, the resident gets a number, a contract, an invitation', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Warmte Gent' }).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const [three] = await building(tenant)
    const { numbers } = await createCustomer(tenant, 'Old Occupant', ['W-100001'], null)
    const old = await tenantContext.run(tenant.id, async () => {
      const contract = await Contract.create({
        reference: 'C-2024-0001',
        customerNumberId: numbers[0].id,
        startsOn: DateTime.fromISO('2024-01-01'),
        monthlyAdvanceCents: 8000,
        currency: 'EUR',
      })
      await ContractPremise.create({ contractId: contract.id, premiseId: three.id })
      return contract
    })
    const request = await received(tenant, three, 'lotte@example.com', '2027-01-15')

    const early = await client
      .post(`/admin/utility/moves/${request.id}/process`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    assert.equal(early.flashMessages().error, 'Complete the four tasks first.')
    const untouched = await reload(tenant, request)
    assert.equal(untouched.status, 'new')

    for (const task of [
      'confirm_customer',
      'confirm_location',
      'confirm_contract',
      'confirm_measurements',
    ]) {
      await client
        .post(`/admin/utility/moves/${request.id}/tasks/${task}`)
        .forTenant(tenant.slug)
        .loginAs(staff)
        .withCsrfToken()
        .form({ done: 'true' })
        .redirects(0)
    }
    const detail = await client
      .get(`/admin/utility/moves/${request.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const shown = detail.body().props as MoveRequestDetail
    assert.isTrue(shown.canProcess)
    assert.deepEqual(shown.premise.currentContract, {
      reference: 'C-2024-0001',
      customerNumber: 'W-100001',
      since: '2024-01-01',
    })
    assert.isTrue(shown.tasks.every((task) => task.doneBy !== null))

    const processed = await client
      .post(`/admin/utility/moves/${request.id}/process`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    processed.assertStatus(302)
    assert.match(String(processed.flashMessages().success), /^Processed/)

    const after = await reload(tenant, request)
    assert.equal(after.status, 'processed')
    const { contract, ended, readings, number } = await tenantContext.run(tenant.id, async () => {
      const created = await Contract.query()
        .where('id', after.contractId!)
        .preload('services')
        .preload('premises')
        .firstOrFail()
      return {
        contract: created,
        ended: await Contract.findOrFail(old.id),
        readings: await Reading.query().where('source', 'move'),
        number: await numberOf(tenant, created.customerNumberId),
      }
    })
    assert.equal(ended.endsOn?.toISODate(), '2027-01-14')
    assert.equal(contract.startsOn.toISODate(), '2027-01-15')
    assert.equal(contract.monthlyAdvanceCents, 9500)
    assert.deepEqual(
      contract.services.map((row) => [row.service, row.product]),
      [['heat', 'variable']]
    )
    assert.deepEqual(
      contract.premises.map((row) => row.premiseId),
      [three.id]
    )
    assert.equal(number, `W-${500000 + request.id}`)
    assert.deepEqual(
      readings.map((row) => row.value),
      [1510]
    )

    const mails = await maildev.waitFor('lotte@example.com', { count: 2 })
    const subjects = mails.map((mail) => mail.subject)
    assert.isTrue(
      subjects.some((subject) =>
        subject.includes(`votre emménagement ${request.reference} est traité`)
      )
    )
    assert.isTrue(subjects.some((subject) => subject.includes('Warmte Gent')))

    const again = await client
      .post(`/admin/utility/moves/${request.id}/process`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    assert.equal(again.flashMessages().error, 'This request was already processed or rejected.')
  })

  test('a contract over several premises keeps the others when one of them is moved into', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const [three, four] = await building(tenant)
    const { numbers } = await createCustomer(tenant, 'Landlord', ['W-200007'], null)
    const landlord = await tenantContext.run(tenant.id, async () => {
      const contract = await Contract.create({
        reference: 'C-2023-0007',
        customerNumberId: numbers[0].id,
        startsOn: DateTime.fromISO('2023-01-02'),
        monthlyAdvanceCents: 21000,
        currency: 'EUR',
      })
      await ContractPremise.create({ contractId: contract.id, premiseId: three.id })
      await ContractPremise.create({ contractId: contract.id, premiseId: four.id })
      return contract
    })
    const request = await received(tenant, four, 'lotte@example.com')
    await tenantContext.run(tenant.id, () =>
      MoveTask.query().where('move_request_id', request.id).update({ done_at: sqlTimestamp() })
    )
    await client
      .post(`/admin/utility/moves/${request.id}/process`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    const kept = await tenantContext.run(tenant.id, () =>
      Contract.query().where('id', landlord.id).preload('premises').firstOrFail()
    )
    assert.isNull(kept.endsOn)
    assert.deepEqual(
      kept.premises.map((row) => row.premiseId),
      [three.id]
    )
  })

  test('waiting and rejecting e-mail the resident in their language; a decided request takes no more decisions', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const [three] = await building(tenant)
    const request = await received(tenant, three, 'julie@example.com')

    const empty = await client
      .post(`/admin/utility/moves/${request.id}/wait`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .form({ message: '' })
      .redirects(0)
    assert.exists(fieldErrors(empty).message)
    await client
      .post(`/admin/utility/moves/${request.id}/wait`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .form({ message: 'Envoyez-nous une photo du compteur, svp.\n<b>Merci</b>' })
      .redirects(0)
    let row = await reload(tenant, request)
    assert.equal(row.status, 'waiting')
    const [waiting] = await maildev.waitFor('julie@example.com')
    assert.include(waiting.subject, 'nous avons besoin de vous')
    assert.include(waiting.html, 'Envoyez-nous une photo du compteur, svp.')
    assert.include(waiting.html, '&lt;b&gt;Merci&lt;/b&gt;')

    await client
      .post(`/admin/utility/moves/${request.id}/reject`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .form({ reason: 'Cette adresse est déjà reprise.' })
      .redirects(0)
    row = await reload(tenant, request)
    assert.equal(row.status, 'rejected')
    assert.equal(row.statusMessage, 'Cette adresse est déjà reprise.')
    const mails = await maildev.waitFor('julie@example.com', { count: 2 })
    assert.isTrue(mails.some((mail) => mail.subject.includes("n'a pas été acceptée")))

    const late = await client
      .post(`/admin/utility/moves/${request.id}/tasks/confirm_customer`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .form({ done: 'true' })
      .redirects(0)
    assert.equal(late.flashMessages().error, 'This request was already processed or rejected.')
    const tasks = await tenantContext.run(tenant.id, () =>
      MoveTask.query().where('move_request_id', request.id).whereNotNull('done_at')
    )
    assert.lengthOf(tasks, 0)
  })

  test("another tenant's staff and the tenant's customers reach no request", async ({ client }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    await enablePlugin(other, 'utility')
    const outsider = await UserFactory.for(other).apply('admin').create()
    const customer = await UserFactory.for(tenant).create()
    const [three] = await building(tenant)
    const request = await received(tenant, three, 'lotte@example.com')

    const cross = await client
      .get(`/admin/utility/moves/${request.id}`)
      .forTenant(other.slug)
      .loginAs(outsider)
    cross.assertStatus(404)
    const crossProcess = await client
      .post(`/admin/utility/moves/${request.id}/reject`)
      .forTenant(other.slug)
      .loginAs(outsider)
      .withCsrfToken()
      .form({ reason: 'Not mine to reject' })
    crossProcess.assertStatus(404)
    const asCustomer = await client
      .get(`/admin/utility/moves/${request.id}`)
      .forTenant(tenant.slug)
      .loginAs(customer)
    asCustomer.assertStatus(403)
  })
})
