import { WorkflowNotFoundError } from '@temporalio/client'
import { isAlreadyStarted, temporal } from '#core/workflows'
import {
  confirmUpdate,
  saveStepUpdate,
  stateQuery,
  utilityMoveInWorkflow,
} from '../../workflows/workflows.js'
import {
  moveInWorkflowId,
  type ConfirmInput,
  type MoveInInput,
  type MoveInState,
  type SaveStepInput,
} from '../../shared/move_in.js'

/** How long a wizard's round trip may wait for Temporal before we say "try again". */
const DEADLINE_MS = 8000

function handle(tenantId: number, key: string) {
  return temporal.client().then((client) => ({
    client,
    handle: client.workflow.getHandle(moveInWorkflowId(tenantId, key)),
  }))
}

/**
 * The only code that starts, updates and queries move-in workflows (UTIL-2).
 * Every call is bounded: when Temporal does not answer in time the caller
 * gets an error `isTemporalUnavailable` recognises, and tells the resident
 * to try again (nothing is lost: the update either happened or did not).
 *
 * @spec UTIL-2
 */
export const moveInWorkflows = {
  async start(input: Omit<MoveInInput, 'v'>): Promise<void> {
    const client = await temporal.client()
    try {
      await client.withDeadline(Date.now() + DEADLINE_MS, () =>
        client.workflow.start(utilityMoveInWorkflow, {
          taskQueue: temporal.taskQueue,
          workflowId: moveInWorkflowId(input.tenantId, input.key),
          args: [{ v: 1, ...input }],
        })
      )
    } catch (error) {
      if (!isAlreadyStarted(error)) throw error
    }
  },

  /** The wizard's state, or null when its workflow is gone (closed long ago). */
  async state(tenantId: number, key: string): Promise<MoveInState | null> {
    const { client, handle: wizard } = await handle(tenantId, key)
    try {
      return await client.withDeadline(Date.now() + DEADLINE_MS, () => wizard.query(stateQuery))
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null
      throw error
    }
  },

  /**
   * Saves a step. `updateId` comes from the form: a double submit of the
   * same form is one update, answered twice.
   */
  async save(tenantId: number, key: string, step: SaveStepInput, updateId: string) {
    const { client, handle: wizard } = await handle(tenantId, key)
    return client.withDeadline(Date.now() + DEADLINE_MS, () =>
      wizard.executeUpdate(saveStepUpdate, { args: [step], updateId })
    )
  },

  async confirm(tenantId: number, key: string, terms: ConfirmInput, updateId: string) {
    const { client, handle: wizard } = await handle(tenantId, key)
    return client.withDeadline(Date.now() + DEADLINE_MS, () =>
      wizard.executeUpdate(confirmUpdate, { args: [terms], updateId })
    )
  },
}
