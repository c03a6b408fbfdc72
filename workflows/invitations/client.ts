/** @spec IAM-8 */
import { WorkflowNotFoundError } from '@temporalio/client'
import logger from '@adonisjs/core/services/logger'
import { isAlreadyStarted, temporal } from '#workflows/temporal'
import { invitationWorkflow, activatedSignal, voidedSignal, stateQuery } from './workflows.js'
import {
  invitationWorkflowId,
  type InvitationOutcome,
  type InvitationState,
  type InvitationWorkflowInput,
} from './config.js'

/**
 * The only code that starts, signals or queries invitation workflows.
 */
export const invitationWorkflows = {
  async start(input: Omit<InvitationWorkflowInput, 'v'>): Promise<string> {
    const workflowId = invitationWorkflowId(input.tenantId, input.invitationId)
    const client = await temporal.client()
    try {
      await client.workflow.start(invitationWorkflow, {
        taskQueue: temporal.taskQueue,
        workflowId,
        args: [{ v: 1, ...input }],
      })
    } catch (error) {
      if (!isAlreadyStarted(error)) throw error
    }
    return workflowId
  },

  /**
   * Tells the workflow the account was activated. A workflow that already
   * ended (expired in the same instant) is not an error: the row decides.
   */
  async activated(workflowId: string): Promise<void> {
    await this.signal(workflowId, 'activated')
  },

  async voided(workflowId: string): Promise<void> {
    await this.signal(workflowId, 'voided')
  },

  async signal(workflowId: string, which: 'activated' | 'voided'): Promise<void> {
    try {
      const client = await temporal.client()
      await client.workflow
        .getHandle(workflowId)
        .signal(which === 'activated' ? activatedSignal : voidedSignal)
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return
      // The row already says what happened; the workflow will find out at expiry.
      logger.warn(
        { err: error, workflowId },
        `could not signal ${which} to the invitation workflow`
      )
    }
  },

  async state(workflowId: string): Promise<InvitationState> {
    const client = await temporal.client()
    return client.workflow.getHandle(workflowId).query(stateQuery)
  },

  async result(workflowId: string): Promise<InvitationOutcome> {
    const client = await temporal.client()
    return client.workflow.getHandle<typeof invitationWorkflow>(workflowId).result()
  },
}
