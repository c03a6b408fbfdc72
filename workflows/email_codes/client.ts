/** @spec IAM-2 IAM-3 */
import { WorkflowNotFoundError } from '@temporalio/client'
import logger from '@adonisjs/core/services/logger'
import { isAlreadyStarted, temporal } from '#workflows/temporal'
import {
  emailCodeStateQuery,
  emailCodeWorkflow,
  replacedSignal,
  submitCodeUpdate,
} from './workflows.js'
import {
  emailCodeWorkflowId,
  type EmailCodeState,
  type EmailCodeWorkflowInput,
  type SubmitOutcome,
} from './config.js'

/**
 * The only code that starts, updates or signals e-mail code workflows.
 */
export const emailCodeWorkflows = {
  async start(input: Omit<EmailCodeWorkflowInput, 'v'>): Promise<string> {
    const workflowId = emailCodeWorkflowId(input.tenantId, input.emailCodeId)
    const client = await temporal.client()
    try {
      await client.workflow.start(emailCodeWorkflow, {
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
   * Hands a submitted code to the workflow and waits for its verdict.
   * Null when the workflow is gone (it ended): the row then tells why.
   */
  async submit(workflowId: string, code: string): Promise<SubmitOutcome | null> {
    const client = await temporal.client()
    try {
      return await client.workflow.getHandle(workflowId).executeUpdate(submitCodeUpdate, {
        args: [code],
      })
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null
      // An update sent to a workflow that just completed is refused the same way.
      if (error instanceof Error && /completed|closed/i.test(error.message)) return null
      throw error
    }
  },

  async replaced(workflowId: string): Promise<void> {
    try {
      const client = await temporal.client()
      await client.workflow.getHandle(workflowId).signal(replacedSignal)
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return
      logger.warn({ err: error, workflowId }, 'could not tell an e-mail code it was replaced')
    }
  },

  async state(workflowId: string): Promise<EmailCodeState> {
    const client = await temporal.client()
    return client.workflow.getHandle(workflowId).query(emailCodeStateQuery)
  },

  async result(workflowId: string): Promise<EmailCodeState> {
    const client = await temporal.client()
    return client.workflow.getHandle<typeof emailCodeWorkflow>(workflowId).result()
  },
}
