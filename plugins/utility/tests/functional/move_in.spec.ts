/** @spec UTIL-2 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import { coreServices } from '#core/services'
import { temporal } from '#core/workflows'
import {
  TenantFactory,
  enablePlugin,
  fieldErrors,
  maildev,
  pdfFile,
  resetWorld,
  sleep,
} from '#core/testing'
import Premise from '../../app/models/premise.js'
import PremiseService from '../../app/models/premise_service.js'
import Meter from '../../app/models/meter.js'
import Reading from '../../app/models/reading.js'
import MoveIn from '../../app/models/move_in.js'
import MoveRequest from '../../app/models/move_request.js'
import type { MoveInState } from '../../shared/move_in.js'

/**
 * UTIL-2 over HTTP, against the suite's Temporal server and worker: a
 * visitor reports a move-in in seven steps, the browser's cookie and the
 * e-mailed link bring it back, every refused step says why in the
 * visitor's language and saves nothing, and nobody reaches another
 * visitor's or tenant's wizard.
 */
type Tenant = Awaited<ReturnType<typeof TenantFactory.create>>

const COOKIE = 'utility_move_in'

async function network(tenant: Tenant) {
  await enablePlugin(tenant, 'utility', { advanceMin: 30, advanceMax: 250 })
  return tenantContext.run(tenant.id, async () => {
    const premise = await Premise.create({
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit: 'bus 3',
      postalCode: '9000',
      city: 'Gent',
      connectionCode: `WN-${tenant.id}-3`,
    })
    for (const service of ['heat', 'hot_water'] as const) {
      await PremiseService.create({ premiseId: premise.id, service })
    }
    const heat = await Meter.create({
      premiseId: premise.id,
      service: 'heat',
      serial: 'WM-20453',
      unit: 'kWh',
      installedOn: DateTime.fromISO('2023-01-02'),
    })
    await Meter.create({
      premiseId: premise.id,
      service: 'hot_water',
      serial: 'WW-20453',
      unit: 'm3',
      installedOn: DateTime.fromISO('2023-01-02'),
    })
    await Reading.create({
      meterId: heat.id,
      readAt: DateTime.now().minus({ days: 20 }).startOf('day'),
      value: 1200,
      source: 'staff',
    })
    return premise
  })
}

const today = () => DateTime.now().setZone('Europe/Brussels').toISODate()!

/** A visitor's browser: the wizard's cookie goes with every request. */
class Visitor {
  key: string | null = null
  constructor(
    private client: ApiClient,
    private tenant: Tenant,
    private locale = 'nl'
  ) {}

  request(method: 'get' | 'post', url: string) {
    const request = this.client[method](url)
      .forTenant(this.tenant.slug)
      .header('Accept-Language', this.locale)
      .redirects(0)
    if (this.key) request.withEncryptedCookie(COOKIE, this.key)
    return method === 'post' ? request.withCsrfToken() : request
  }

  async begin() {
    const response = await this.request('post', '/utility/move-in')
    this.key = response.cookie(COOKIE)?.value ?? null
    return response
  }

  async state(): Promise<MoveInState> {
    const page = await this.request('get', '/utility/move-in/step/1').withInertia()
    return (page.body() as { props: { state: MoveInState } }).props.state
  }

  async completed(): Promise<number> {
    const state = await this.state()
    return state.completed
  }

  async answers(): Promise<MoveInState['answers']> {
    const state = await this.state()
    return state.answers
  }

  async submissionId(step: number): Promise<string> {
    const page = await this.request('get', `/utility/move-in/step/${step}`).withInertia()
    return (page.body() as { props: { submissionId: string } }).props.submissionId
  }

  /** Step 5 with a file for the heat meter, as multipart (the way the page sends files). */
  async readingsWithFile(
    heat: Record<string, string>,
    file: { contents: string | Buffer; name: string }
  ) {
    return this.request('post', '/utility/move-in/step/5')
      .field('submissionId', await this.submissionId(5))
      .fields({
        'readings[0][serial]': 'WM-20453',
        'readings[0][service]': 'heat',
        'readings[0][value]': '1250',
        'readings[0][readOn]': today(),
        ...Object.fromEntries(
          Object.entries(heat).map(([name, value]) => [`readings[0][${name}]`, value])
        ),
        'readings[1][serial]': 'WW-20453',
        'readings[1][service]': 'hot_water',
        'readings[1][value]': '31',
        'readings[1][readOn]': today(),
      })
      .file('readings[0][attachment]', file.contents, { filename: file.name })
  }

  /** Posts a step's form as a browser encodes it (`readings[0][value]`). */
  async step(step: number, form: Record<string, unknown>) {
    const fields: Record<string, string> = { submissionId: await this.submissionId(step) }
    for (const [name, value] of Object.entries(form)) {
      if (!Array.isArray(value)) {
        fields[name] = String(value)
        continue
      }
      for (const [index, row] of value.entries()) {
        for (const [field, entry] of Object.entries(row as Record<string, unknown>)) {
          fields[`${name}[${index}][${field}]`] = String(entry)
        }
      }
    }
    return this.request('post', `/utility/move-in/step/${step}`).form(fields)
  }
}

const RESIDENT = {
  kind: 'person',
  firstName: 'Lotte',
  lastName: 'Claes',
  email: 'lotte@example.com',
  phone: '+32 470 12 34 56',
  locale: 'nl',
  correspondence: 'premise',
}

const READINGS = (value = 1250, readOn = today()) => ({
  readings: [
    { serial: 'WM-20453', service: 'heat', value, readOn },
    { serial: 'WW-20453', service: 'hot_water', value: 31.5, readOn },
  ],
})

async function throughStep(visitor: Visitor, last: number) {
  const answers: Record<string, unknown>[] = [
    { mode: 'meter', postalCode: '9000', meterSerial: 'wm-20453' },
    { moveDate: today() },
    RESIDENT,
    {
      choices: [
        { service: 'heat', product: 'fixed' },
        { service: 'hot_water', product: 'variable' },
      ],
    },
    READINGS(),
    {
      method: 'direct_debit',
      iban: 'BE68 5390 0754 7034',
      holder: 'Lotte Claes',
      mandate: 'true',
      advance: '95',
    },
  ]
  for (const [index, form] of answers.slice(0, last).entries()) {
    const response = await visitor.step(index + 1, form)
    response.assertStatus(302)
    response.assertHeader('location', `/utility/move-in/step/${index + 2}`)
  }
}

test.group('Utility / move-in over HTTP', (group) => {
  resetWorld(group)

  test('a visitor reports a move-in: seven steps, the resume link, one request with four tasks, a receipt', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Warmte Gent' }).create()
    const premise = await network(tenant)
    const visitor = new Visitor(client, tenant)
    const begun = await visitor.begin()
    begun.assertHeader('location', '/utility/move-in/step/1')
    assert.isString(visitor.key)

    await throughStep(visitor, 3)
    // After step 3 the resume link goes to the resident; another browser takes the wizard over with it.
    const [mail] = await maildev.waitFor('lotte@example.com')
    assert.match(mail.subject, /Ga verder met uw inhuizing bij Warmte Gent/)
    const link = new URL(mail.text.match(/https?:\/\/\S+\/utility\/move-in\/resume\/[\w-]+/)![0])
    const phone = new Visitor(client, tenant)
    const resumed = await phone.request('get', link.pathname)
    resumed.assertHeader('location', '/utility/move-in/continue')
    phone.key = resumed.cookie(COOKIE)?.value ?? null
    assert.equal(phone.key, visitor.key)
    const state = await phone.state()
    assert.equal(state.completed, 3)
    assert.equal(state.answers.premise?.premiseId, premise.id)
    assert.equal(state.answers.premise?.label, 'Zuidparklaan 12 bus 3, 9000 Gent')
    assert.deepEqual(
      state.answers.premise?.meters.map((meter) => [meter.serial, meter.lastValue]),
      [
        ['WM-20453', 1200],
        ['WW-20453', null],
      ]
    )

    await throughStep(phone, 6)
    const review = await phone.request('get', '/utility/move-in/step/7').withInertia()
    review.assertInertiaComponent('utility/move_in/wizard')
    const props = review.body().props as { state: MoveInState; submissionId: string }
    assert.equal(props.state.completed, 6)
    assert.equal(props.state.answers.payment?.iban, 'BE68539007547034')
    assert.equal(props.state.answers.payment?.advanceCents, 9500)

    const refused = await phone
      .request('post', '/utility/move-in/confirm')
      .form({ submissionId: props.submissionId })
    assert.deepEqual(fieldErrors(refused).terms, [
      'Aanvaard de leveringsvoorwaarden om te bevestigen.',
    ])
    const confirmed = await phone
      .request('post', '/utility/move-in/confirm')
      .form({ submissionId: props.submissionId, terms: 'true' })
    confirmed.assertHeader('location', '/utility/move-in/done')

    const request = await tenantContext.run(tenant.id, () =>
      MoveRequest.query().preload('tasks').firstOrFail()
    )
    assert.equal(request.kind, 'move_in')
    assert.equal(request.status, 'new')
    assert.equal(request.premiseId, premise.id)
    assert.match(request.reference, /^MI-\d{4}-\d{5}$/)
    assert.sameMembers(
      request.tasks.map((task) => task.task),
      ['confirm_customer', 'confirm_location', 'confirm_contract', 'confirm_measurements']
    )
    const answers = JSON.parse(request.answers)
    assert.equal(answers.terms.termsVersion, '2026-01')
    assert.equal(answers.readings.readings[0].value, 1250)

    const done = await phone.request('get', '/utility/move-in/done').withInertia()
    done.assertInertiaPropsContains({ reference: request.reference, email: 'lotte@example.com' })
    const receipts = await maildev.waitFor('lotte@example.com', { count: 2 })
    assert.isTrue(receipts.some((message) => message.subject.includes(request.reference)))

    // The link and the wizard are closed now.
    const again = await new Visitor(client, tenant).request('get', link.pathname)
    again.assertHeader('location', '/utility/move-in')
    const wizard = await tenantContext.run(tenant.id, () =>
      MoveIn.findByOrFail('key', visitor.key!)
    )
    assert.equal(wizard.status, 'confirmed')
    assert.isNull(wizard.tokenHash)
  })

  test('step 1: an unknown postal code or meter is refused in the visitor language; an unknown address goes on, flagged', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await network(tenant)
    const visitor = new Visitor(client, tenant, 'fr')
    await visitor.begin()

    const postal = await visitor.step(1, {
      mode: 'meter',
      postalCode: '1000',
      meterSerial: 'WM-20453',
    })
    assert.deepEqual(fieldErrors(postal).postalCode, [
      'Nous ne livrons pas à 1000. Vérifiez le code postal.',
    ])
    const meter = await visitor.step(1, { mode: 'meter', postalCode: '9000', meterSerial: 'XX-1' })
    assert.match(fieldErrors(meter).meterSerial[0], /pas de compteur XX-1 à 9000/)
    const missing = await visitor.step(1, { mode: 'address', postalCode: '9000' })
    assert.containsSubset(Object.keys(fieldErrors(missing)), ['street', 'houseNumber', 'city'])
    assert.equal(await visitor.completed(), 0)

    const typed = await visitor.step(1, {
      mode: 'address',
      postalCode: '9000',
      street: 'Zuidparklaan',
      houseNumber: '12',
      unit: 'bus 40',
      city: 'Gent',
    })
    typed.assertHeader('location', '/utility/move-in/step/2')
    const state = await visitor.state()
    assert.isNull(state.answers.premise?.premiseId)
    assert.equal(state.answers.premise?.label, 'Zuidparklaan 12 bus 40, 9000 Gent')
    assert.deepEqual(state.answers.premise?.services, ['heat', 'hot_water'])

    const found = await visitor.step(1, {
      mode: 'address',
      postalCode: '9000',
      street: 'zuidparklaan ',
      houseNumber: '12',
      unit: 'Bus 3',
      city: 'Gent',
    })
    found.assertStatus(302)
    const answers = await visitor.answers()
    assert.isNumber(answers.premise?.premiseId)
  })

  test('steps 2 to 6 refuse bad input with a clear message and save nothing of the step', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await network(tenant)
    const visitor = new Visitor(client, tenant, 'en')
    await visitor.begin()
    await throughStep(visitor, 1)

    const late = DateTime.now().plus({ days: 200 }).toISODate()!
    const window = await visitor.step(2, { moveDate: late })
    assert.match(fieldErrors(window).moveDate[0], /^The move date must lie between /)
    await throughStep(visitor, 3)

    const company = await visitor.step(3, {
      ...RESIDENT,
      kind: 'organisation',
      organisationName: 'Claes BV',
      companyNumber: '0123.456.789',
    })
    assert.deepEqual(fieldErrors(company).companyNumber, [
      'This is not a valid company number (10 digits, like 0123.456.749).',
    ])

    await throughStep(visitor, 4)
    const lower = await visitor.step(5, READINGS(1100))
    assert.match(
      fieldErrors(lower)['readings.0.value'][0],
      /lower than the last reading we know \(1200 on/
    )
    const wrongDate = await visitor.step(5, READINGS(1250, '2020-01-01'))
    assert.exists(fieldErrors(wrongDate)['readings.0.readOn'])
    assert.equal(await visitor.completed(), 4)

    // A text file named like a photo: refused by its content, and not kept.
    const fake = await visitor.readingsWithFile(
      {},
      { contents: Buffer.from('not a photo at all'), name: 'meter.png' }
    )
    assert.deepEqual(fieldErrors(fake)['readings.0.attachment'], [
      'This file is not a photo (JPEG or PNG) or a PDF.',
    ])
    const files = coreServices('utility').drive
    assert.isFalse(await files.exists(tenant.id, `move-ins/${visitor.key}`))

    // Lower, confirmed, with the signed takeover document: accepted and noted.
    const confirmed = await visitor.readingsWithFile(
      { value: '1100', confirmLower: 'true' },
      { contents: pdfFile(), name: 'overname.pdf' }
    )
    confirmed.assertHeader('location', '/utility/move-in/step/6')
    const { readings } = await visitor.answers()
    const [heat] = readings!.readings
    assert.isTrue(heat.lowerThanLast)
    assert.equal(heat.attachment?.mime, 'application/pdf')
    assert.isTrue(await files.exists(tenant.id, heat.attachment!.key))

    // Another document for the same meter replaces the first, which is deleted.
    const replaced = await visitor.readingsWithFile(
      {},
      { contents: pdfFile(), name: 'overname-getekend.pdf' }
    )
    replaced.assertHeader('location', '/utility/move-in/step/6')
    const { readings: again } = await visitor.answers()
    const [newer] = again!.readings
    assert.notEqual(newer.attachment!.key, heat.attachment!.key)
    assert.isTrue(await files.exists(tenant.id, newer.attachment!.key))
    assert.isFalse(await files.exists(tenant.id, heat.attachment!.key))

    const iban = await visitor.step(6, {
      method: 'direct_debit',
      iban: 'BE68 5390 0754 7035',
      holder: 'Lotte Claes',
      mandate: 'true',
      advance: '95',
    })
    assert.deepEqual(fieldErrors(iban).iban, ['This IBAN is not valid: check the digits.'])
    const advance = await visitor.step(6, { method: 'transfer', advance: '300' })
    assert.deepEqual(fieldErrors(advance).advance, [
      'The monthly advance must lie between €30 and €250.',
    ])
    const mandate = await visitor.step(6, {
      method: 'direct_debit',
      iban: 'BE68539007547034',
      holder: 'Lotte Claes',
      advance: '95',
    })
    assert.exists(fieldErrors(mandate).mandate)
    assert.equal(await visitor.completed(), 5)
    const { payment } = await visitor.answers()
    assert.isUndefined(payment)
  })

  test('a step ahead of the wizard is not shown; the same form sent twice is saved once', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await network(tenant)
    const visitor = new Visitor(client, tenant)
    await visitor.begin()
    const ahead = await visitor.request('get', '/utility/move-in/step/5')
    ahead.assertHeader('location', '/utility/move-in/step/1')
    const posted = await visitor.request('post', '/utility/move-in/step/4').form({
      'submissionId': await visitor.submissionId(1),
      'choices[0][service]': 'heat',
      'choices[0][product]': 'fixed',
    })
    posted.assertStatus(302)
    assert.equal(await visitor.completed(), 0)

    const submissionId = await visitor.submissionId(1)
    const form = { submissionId, mode: 'meter', postalCode: '9000', meterSerial: 'WM-20453' }
    const [first, second] = await Promise.all([
      visitor.request('post', '/utility/move-in/step/1').form(form),
      visitor.request('post', '/utility/move-in/step/1').form(form),
    ])
    first.assertHeader('location', '/utility/move-in/step/2')
    second.assertHeader('location', '/utility/move-in/step/2')
    assert.equal(await visitor.completed(), 1)
  })

  test('nobody reaches another wizard: no cookie, a forged key, another tenant, a plugin not enabled', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    await network(tenant)
    await network(other)
    const visitor = new Visitor(client, tenant)
    await visitor.begin()
    await throughStep(visitor, 1)

    const stranger = new Visitor(client, tenant)
    const noCookie = await stranger.request('get', '/utility/move-in/step/2')
    noCookie.assertHeader('location', '/utility/move-in')
    const forged = await stranger
      .request('get', '/utility/move-in/step/2')
      .cookie(COOKIE, visitor.key!)
    forged.assertHeader('location', '/utility/move-in')

    const elsewhere = new Visitor(client, other)
    elsewhere.key = visitor.key
    const crossTenant = await elsewhere.request('get', '/utility/move-in/step/2')
    crossTenant.assertHeader('location', '/utility/move-in')
    const crossPost = await elsewhere
      .request('post', '/utility/move-in/step/2')
      .form({ submissionId: crypto.randomUUID(), moveDate: today() })
    crossPost.assertHeader('location', '/utility/move-in')
    assert.equal(await visitor.completed(), 1)

    const bogusLink = await stranger.request('get', `/utility/move-in/resume/${'a'.repeat(43)}`)
    bogusLink.assertHeader('location', '/utility/move-in')

    const disabled = await TenantFactory.create()
    const closed = await client.get('/utility/move-in').forTenant(disabled.slug)
    closed.assertStatus(404)
  })

  test('when Temporal cannot be reached the step says so, and nothing is lost once it is back', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await network(tenant)
    const visitor = new Visitor(client, tenant)
    await visitor.begin()
    await throughStep(visitor, 1)
    const submissionId = await visitor.submissionId(2)

    const reach = temporal.client.bind(temporal)
    temporal.client = () => Promise.reject(new Error('14 UNAVAILABLE: No connection established'))
    try {
      const down = await visitor
        .request('post', '/utility/move-in/step/2')
        .header('Referer', '/utility/move-in/step/2')
        .form({ submissionId, moveDate: today() })
      down.assertStatus(302)
      assert.equal(
        down.flashMessages().error,
        'We kunnen uw antwoorden nu niet bewaren. Wat u invulde staat nog in het formulier: probeer het over een minuut opnieuw.'
      )
    } finally {
      temporal.client = reach
    }
    await sleep(10)
    const back = await visitor.step(2, { moveDate: today() })
    back.assertHeader('location', '/utility/move-in/step/3')
    assert.equal(await visitor.completed(), 2)
  })
})
