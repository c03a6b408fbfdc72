/** @spec UTIL-2 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client'
import { bundleWorkflows, recordedActivities, sleep, withWorker } from '#core/testing'
import {
  confirmUpdate,
  saveStepUpdate,
  stateQuery,
  utilityMoveInWorkflow,
} from '../../workflows/workflows.js'
import {
  TERMS_VERSION,
  type MoveInInput,
  type MoveInState,
  type PremiseAnswer,
  type SaveStepInput,
} from '../../shared/move_in.js'

/**
 * The move-in workflow alone, on the suite's Temporal server with stand-in
 * activities: the order of the steps, going back, double submits, the
 * resume link, the reminder and abandonment timers (seconds here, days in
 * real life) and a confirmation that records one request.
 */
const SECOND = 1 / 86_400

function premise(
  premiseId: number | null,
  label = 'Zuidparklaan 12 bus 3, 9000 Gent'
): PremiseAnswer {
  return {
    mode: 'meter',
    premiseId,
    postalCode: '9000',
    meterSerial: 'WM-20453',
    street: 'Zuidparklaan',
    houseNumber: '12',
    unit: 'bus 3',
    city: 'Gent',
    label,
    services: ['heat', 'hot_water'],
    meters: [],
  }
}

const STEPS: SaveStepInput[] = [
  { step: 1, answer: premise(3) },
  { step: 2, answer: { moveDate: '2027-01-15' } },
  {
    step: 3,
    answer: {
      kind: 'person',
      firstName: 'Lotte',
      lastName: 'Claes',
      organisationName: null,
      companyNumber: null,
      email: 'lotte@example.com',
      phone: '+32 470 12 34 56',
      locale: 'nl',
      correspondence: 'premise',
      address: null,
    },
  },
  {
    step: 4,
    answer: {
      choices: [
        { service: 'heat', product: 'fixed' },
        { service: 'hot_water', product: 'fixed' },
      ],
    },
  },
  { step: 5, answer: { readings: [] } },
  {
    step: 6,
    answer: {
      method: 'transfer',
      iban: null,
      holder: null,
      mandateAcceptedAt: null,
      advanceCents: 9000,
    },
  },
]

/** The wizard's state as the pages ask for it. */
async function stateOf(wizard: { query: (query: typeof stateQuery) => Promise<MoveInState> }) {
  const state = await wizard.query(stateQuery)
  return state
}

function stubs(record = async () => ({ reference: 'MI-2027-00001' })) {
  return recordedActivities({
    sendResumeLink: async () => 'sent',
    sendMoveInReminder: async () => 'sent',
    abandonMoveIn: async () => {},
    recordMoveRequest: record,
    sendMoveInReceived: async () => {},
  })
}

async function startWizard(
  client: Client,
  taskQueue: string,
  timers: Partial<Pick<MoveInInput, 'reminderDays' | 'abandonDays'>> = {}
) {
  const key = randomUUID()
  return client.workflow.start(utilityMoveInWorkflow, {
    taskQueue,
    workflowId: `utility-movein-test-${key}`,
    args: [{ v: 1, tenantId: 1, key, locale: 'nl', reminderDays: 3, abandonDays: 14, ...timers }],
  })
}

test.group('Utility / move-in workflow', (group) => {
  let bundle: Awaited<ReturnType<typeof bundleWorkflows>>
  group.setup(async () => {
    bundle = await bundleWorkflows('plugins/utility/workflows/workflows.ts')
  })

  test('steps are taken in order; a step ahead of the next open one is refused and changes nothing', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue)
      await assert.rejects(
        () => wizard.executeUpdate(saveStepUpdate, { args: [STEPS[2]] }),
        WorkflowUpdateFailedError
      )
      const first = await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[0]] })
      assert.equal(first.completed, 1)
      await assert.rejects(() => wizard.executeUpdate(saveStepUpdate, { args: [STEPS[2]] }))
      const state = await wizard.query(stateQuery)
      assert.equal(state.completed, 1)
      assert.isUndefined(state.answers.resident)
      await assert.rejects(
        () =>
          wizard.executeUpdate(confirmUpdate, {
            args: [{ termsVersion: TERMS_VERSION, acceptedAt: 'now' }],
          }),
        WorkflowUpdateFailedError
      )
      assert.lengthOf(recorded.of('recordMoveRequest'), 0)
      await wizard.terminate()
    })
  })

  test('a double submit (same update id) is saved once: the second answer is the first one', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue)
      const updateId = randomUUID()
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[0]], updateId })
      const again = await wizard.executeUpdate(saveStepUpdate, {
        args: [{ step: 1, answer: premise(7, 'Elsewhere 1, 9000 Gent') }],
        updateId,
      })
      assert.equal(again.answers.premise?.premiseId, 3)
      const saved = await stateOf(wizard)
      assert.equal(saved.answers.premise?.premiseId, 3)
      await wizard.terminate()
    })
  })

  test('going back to another premise asks services, readings and payment again; the rest stays', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue)
      for (const step of STEPS) await wizard.executeUpdate(saveStepUpdate, { args: [step] })
      const full = await stateOf(wizard)
      assert.equal(full.completed, 6)

      // The same premise again: nothing is lost.
      const same = await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[0]] })
      assert.equal(same.completed, 6)

      const moved = await wizard.executeUpdate(saveStepUpdate, {
        args: [{ step: 1, answer: premise(8, 'Zuidparklaan 12 bus 8, 9000 Gent') }],
      })
      assert.equal(moved.completed, 3)
      assert.equal(moved.answers.moveDate?.moveDate, '2027-01-15')
      assert.equal(moved.answers.resident?.email, 'lotte@example.com')
      assert.isUndefined(moved.answers.services)
      assert.isUndefined(moved.answers.readings)
      assert.isUndefined(moved.answers.payment)
      await assert.rejects(() => wizard.executeUpdate(saveStepUpdate, { args: [STEPS[4]] }))
      await wizard.terminate()
    })
  })

  test('after step 3 the resume link goes out once, and again when the address changes', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue)
      for (const step of STEPS.slice(0, 2)) {
        await wizard.executeUpdate(saveStepUpdate, { args: [step] })
      }
      await sleep(300)
      assert.lengthOf(recorded.of('sendResumeLink'), 0)
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[2]] })
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[3]] })
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[2]] })
      await sleep(500)
      assert.lengthOf(recorded.of('sendResumeLink'), 1)

      const resident = { ...STEPS[2].answer, email: 'lotte.claes@example.com', locale: 'fr' }
      await wizard.executeUpdate(saveStepUpdate, {
        args: [{ step: 3, answer: resident } as SaveStepInput],
      })
      await sleep(500)
      const links = recorded.of('sendResumeLink')
      assert.lengthOf(links, 2)
      assert.deepInclude(links[1].args[0] as object, {
        email: 'lotte.claes@example.com',
        locale: 'fr',
      })
      await wizard.terminate()
    })
  })

  test('left alone, the resident is reminded once, then the wizard is dropped and refuses steps', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue, {
        reminderDays: 2 * SECOND,
        abandonDays: 4 * SECOND,
      })
      for (const step of STEPS.slice(0, 3)) {
        await wizard.executeUpdate(saveStepUpdate, { args: [step] })
      }
      assert.equal(await wizard.result(), 'abandoned')
      const [reminder] = recorded.of('sendMoveInReminder')
      const [abandoned] = recorded.of('abandonMoveIn')
      assert.lengthOf(recorded.of('sendMoveInReminder'), 1)
      assert.isAtLeast(abandoned.at - reminder.at, 1500)
      assert.lengthOf(recorded.of('recordMoveRequest'), 0)
    })
  })

  test('activity postpones the reminder; a wizard without an e-mail address is dropped without one', async ({
    assert,
  }) => {
    const recorded = stubs()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue, {
        reminderDays: 2 * SECOND,
        abandonDays: 3 * SECOND,
      })
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[0]] })
      await sleep(1200)
      await wizard.executeUpdate(saveStepUpdate, { args: [STEPS[1]] })
      await sleep(1200)
      // 2.4 s since the start, 1.2 s since the last step: still open.
      const open = await stateOf(wizard)
      assert.equal(open.status, 'open')
      assert.equal(await wizard.result(), 'abandoned')
      assert.lengthOf(recorded.of('sendMoveInReminder'), 0)
      assert.lengthOf(recorded.of('abandonMoveIn'), 1)
    })
  })

  test('confirming records one move request, however often it is clicked, then mails the receipt', async ({
    assert,
  }) => {
    let finish: () => void = () => {}
    const recorded = stubs(async () => {
      await new Promise<void>((resolve) => (finish = resolve))
      return { reference: 'MI-2027-00042' }
    })
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const wizard = await startWizard(client, taskQueue)
      for (const step of STEPS) await wizard.executeUpdate(saveStepUpdate, { args: [step] })
      await assert.rejects(
        () =>
          wizard.executeUpdate(confirmUpdate, {
            args: [{ termsVersion: '1999-01', acceptedAt: 'now' }],
          }),
        WorkflowUpdateFailedError
      )
      const terms = { termsVersion: TERMS_VERSION, acceptedAt: new Date().toISOString() }
      const clicks = [
        wizard.executeUpdate(confirmUpdate, { args: [terms] }),
        wizard.executeUpdate(confirmUpdate, { args: [terms] }),
      ]
      await sleep(500)
      finish()
      const answers = await Promise.all(clicks)
      assert.deepEqual(
        answers.map((state) => state.reference),
        ['MI-2027-00042', 'MI-2027-00042']
      )
      assert.equal(await wizard.result(), 'confirmed')
      assert.lengthOf(recorded.of('recordMoveRequest'), 1)
      assert.lengthOf(recorded.of('sendMoveInReceived'), 1)
      const [call] = recorded.of('recordMoveRequest')
      assert.equal(
        (call.args[0] as { terms: { termsVersion: string } }).terms.termsVersion,
        TERMS_VERSION
      )
    })
  })
})
