/** @spec IAM-8 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker'
import {
  activatedSignal,
  invitationWorkflow,
  stateQuery,
  voidedSignal,
} from '#workflows/invitations/workflows'
import type { InvitationOutcome, InvitationWorkflowInput } from '#workflows/invitations/config'
import { bundleWorkflows, recordedActivities, sleep, withWorker } from '#tests/support/workflows'

/**
 * The invitation workflow alone, with stand-in activities: what it sends,
 * when it expires the link, and what ends it early. Periods of a second or
 * two through the input (`ttlMs`), as a tenant's setting would pass days.
 */
function invitationActivities(expireAnswer: InvitationOutcome = 'expired') {
  return recordedActivities({
    sendInvitationEmail: async (_ref: unknown) => 'queued' as const,
    expireInvitation: async (_ref: unknown) => expireAnswer,
  })
}

function input(overrides: Partial<InvitationWorkflowInput> = {}): InvitationWorkflowInput {
  return { v: 1, tenantId: 1, invitationId: 7, ttlMs: 1500, ...overrides }
}

test.group('Workflows / invitation: deadline and early ends', (group) => {
  let bundle: WorkflowBundleWithSourceMap
  group.setup(async () => {
    bundle = await bundleWorkflows('workflows/invitations/workflows.ts')
  })

  test('with no answer the e-mail goes out once and the link expires at the deadline, not before', async ({
    assert,
  }) => {
    const recorded = invitationActivities()
    let startedAt = 0
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      startedAt = Date.now()
      const handle = await client.workflow.start(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ ttlMs: 1500 })],
      })
      await sleep(700)
      assert.equal(await handle.query(stateQuery), 'waiting')
      assert.lengthOf(recorded.of('expireInvitation'), 0)

      assert.equal(await handle.result(), 'expired')
    })
    assert.deepEqual(recorded.of('sendInvitationEmail')[0].args, [{ tenantId: 1, invitationId: 7 }])
    assert.lengthOf(recorded.of('sendInvitationEmail'), 1)
    const [expiry] = recorded.of('expireInvitation')
    assert.deepEqual(expiry.args, [{ tenantId: 1, invitationId: 7 }])
    assert.isAtLeast(expiry.at - startedAt, 1500)
  })

  test('activation before the deadline ends it as accepted: the link is never expired', async ({
    assert,
  }) => {
    const recorded = invitationActivities()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ ttlMs: 60_000 })],
      })
      await sleep(300)
      await handle.signal(activatedSignal)
      assert.equal(await handle.result(), 'accepted')
      assert.equal(await handle.query(stateQuery), 'accepted')
    })
    assert.lengthOf(recorded.of('expireInvitation'), 0)
  })

  test('a resend voids the first invitation at once; the new one gets a full period of its own', async ({
    assert,
  }) => {
    const recorded = invitationActivities()
    let resentAt = 0
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const first = await client.workflow.start(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ invitationId: 1, ttlMs: 2000 })],
      })
      await sleep(1000)
      // What InviteCustomer does on a resend: void the old one, start the new one.
      await first.signal(voidedSignal)
      resentAt = Date.now()
      const second = await client.workflow.start(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ invitationId: 2, ttlMs: 2000 })],
      })
      assert.equal(await first.result(), 'voided')

      // Past the first invitation's deadline, the second still waits.
      await sleep(1400)
      assert.equal(await second.query(stateQuery), 'waiting')
      assert.lengthOf(recorded.of('expireInvitation'), 0)

      assert.equal(await second.result(), 'expired')
    })
    const expiries = recorded.of('expireInvitation')
    assert.deepEqual(
      expiries.map((call) => call.args),
      [[{ tenantId: 1, invitationId: 2 }]]
    )
    assert.isAtLeast(expiries[0].at - resentAt, 2000)
  })

  test('when the activation page wins the race at the deadline, the workflow reports accepted', async ({
    assert,
  }) => {
    const recorded = invitationActivities('accepted')
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const outcome = await client.workflow.execute(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ ttlMs: 500 })],
      })
      assert.equal(outcome, 'accepted')
    })
    assert.lengthOf(recorded.of('expireInvitation'), 1)
  })

  test('a link sent inside the first documents e-mail is not mailed again, and still expires', async ({
    assert,
  }) => {
    const recorded = invitationActivities()
    await withWorker(bundle, recorded.activities, async ({ client, taskQueue }) => {
      const outcome = await client.workflow.execute(invitationWorkflow, {
        taskQueue,
        workflowId: `invitation-${randomUUID()}`,
        args: [input({ ttlMs: 500, emailIncluded: true })],
      })
      assert.equal(outcome, 'expired')
    })
    assert.lengthOf(recorded.of('sendInvitationEmail'), 0)
    assert.lengthOf(recorded.of('expireInvitation'), 1)
  })
})
