/** @spec IAM-2 IAM-3 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker'
import type { Client } from '@temporalio/client'
import {
  emailCodeStateQuery,
  emailCodeWorkflow,
  replacedSignal,
  submitCodeUpdate,
} from '#workflows/email_codes/workflows'
import type { EmailCodeWorkflowInput } from '#workflows/email_codes/config'
import { bundleWorkflows, recordedActivities, sleep, withWorker } from '#tests/support/workflows'

/**
 * The e-mail code workflow alone, with stand-in activities (the code that
 * "arrived" is 123456): how many guesses it takes, when the code dies and
 * what ends it early. Periods through the input (`ttlMs`), as the caller
 * passes config/identity.ts's fifteen minutes.
 */
const RIGHT = '123456'
const REF = { tenantId: 1, emailCodeId: 9 }

function codeActivities() {
  return recordedActivities({
    sendEmailCode: async (_ref: unknown) => 'queued' as const,
    checkEmailCode: async (_ref: unknown, code: string) =>
      code === RIGHT ? ('verified' as const) : ('wrong' as const),
    closeEmailCode: async (_ref: unknown, _state: string) => {},
  })
}

function start(client: Client, taskQueue: string, overrides: Partial<EmailCodeWorkflowInput>) {
  return client.workflow.start(emailCodeWorkflow, {
    taskQueue,
    workflowId: `email-code-${randomUUID()}`,
    args: [{ v: 1, ...REF, ttlMs: 60_000, maxAttempts: 5, ...overrides }],
  })
}

test.group('Workflows / e-mail code: guesses, expiry and early ends', (group) => {
  let bundle: WorkflowBundleWithSourceMap
  group.setup(async () => {
    bundle = await bundleWorkflows('workflows/email_codes/workflows.ts')
  })

  test('an unused code expires at the deadline, not before, and is closed as expired', async ({
    assert,
  }) => {
    const recorded = codeActivities()
    let startedAt = 0
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      startedAt = Date.now()
      const handle = await start(client, taskQueue, { ttlMs: 1500 })
      await sleep(700)
      assert.equal(await handle.query(emailCodeStateQuery), 'waiting')
      assert.lengthOf(recorded.of('closeEmailCode'), 0)
      assert.equal(await handle.result(), 'expired')
    })
    assert.lengthOf(recorded.of('sendEmailCode'), 1)
    const [close] = recorded.of('closeEmailCode')
    assert.deepEqual(close.args, [REF, 'expired'])
    assert.isAtLeast(close.at - startedAt, 1500)
  })

  test('the right code verifies: the workflow ends verified and nothing is closed', async ({
    assert,
  }) => {
    const recorded = codeActivities()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const handle = await start(client, taskQueue, {})
      const wrong = await handle.executeUpdate(submitCodeUpdate, { args: ['000000'] })
      assert.deepEqual(wrong, { outcome: 'wrong', attemptsLeft: 4 })
      const right = await handle.executeUpdate(submitCodeUpdate, { args: [RIGHT] })
      assert.deepEqual(right, { outcome: 'verified' })
      assert.equal(await handle.result(), 'verified')
    })
    assert.lengthOf(recorded.of('checkEmailCode'), 2)
    assert.lengthOf(recorded.of('closeEmailCode'), 0)
  })

  test('too many wrong codes lock it: a burst of guesses gets no more checks than allowed', async ({
    assert,
  }) => {
    const recorded = codeActivities()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const handle = await start(client, taskQueue, { maxAttempts: 3 })
      // Sent at once: the server orders them, the workflow checks them one at a time.
      const guesses = ['000001', '000002', '000003', '000004', '000005']
      const outcomes = await Promise.all(
        guesses.map((code) => handle.executeUpdate(submitCodeUpdate, { args: [code] }))
      )
      assert.sameDeepMembers(outcomes, [
        { outcome: 'wrong', attemptsLeft: 2 },
        { outcome: 'wrong', attemptsLeft: 1 },
        { outcome: 'locked' },
        { outcome: 'locked' },
        { outcome: 'locked' },
      ])
      assert.equal(await handle.result(), 'locked')
      // Even the right code no longer gets through.
      await assert.rejects(() => handle.executeUpdate(submitCodeUpdate, { args: [RIGHT] }))
    })
    assert.lengthOf(recorded.of('checkEmailCode'), 3)
    assert.deepEqual(recorded.of('closeEmailCode')[0].args, [REF, 'locked'])
  })

  test('a cancelled or resent code ends at once as replaced, without expiring; later guesses are refused', async ({
    assert,
  }) => {
    const recorded = codeActivities()
    const started = Date.now()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const handle = await start(client, taskQueue, { ttlMs: 60_000 })
      await sleep(300)
      await handle.signal(replacedSignal)
      assert.equal(await handle.result(), 'replaced')
      await assert.rejects(() => handle.executeUpdate(submitCodeUpdate, { args: [RIGHT] }))
    })
    assert.isBelow(Date.now() - started, 30_000)
    assert.lengthOf(recorded.of('checkEmailCode'), 0)
    assert.deepEqual(recorded.of('closeEmailCode')[0].args, [REF, 'replaced'])
  })

  test('a malformed code is refused before it counts as an attempt', async ({ assert }) => {
    const recorded = codeActivities()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const handle = await start(client, taskQueue, { maxAttempts: 1 })
      await assert.rejects(() => handle.executeUpdate(submitCodeUpdate, { args: ['12ab56'] }))
      const right = await handle.executeUpdate(submitCodeUpdate, { args: [RIGHT] })
      assert.deepEqual(right, { outcome: 'verified' })
      assert.equal(await handle.result(), 'verified')
    })
    assert.lengthOf(recorded.of('checkEmailCode'), 1)
  })
})
