/**
 * Temporal for a plugin's server code (routes, jobs): the process's client,
 * the task queue every workflow runs on, and the checks a caller needs
 * around starting and updating a workflow. A plugin's workflows and
 * activities themselves are its `entry.workflows` and `entry.activities`
 * (docs/plugins.md); workflow code imports `@temporalio/workflow` only.
 *
 *   const client = await temporal.client()
 *   await client.workflow.start(myWorkflow, { taskQueue: temporal.taskQueue, workflowId, args })
 */
export { temporal, isAlreadyStarted } from '#workflows/temporal'
export { isTemporalUnavailable } from '#workflows/errors'
