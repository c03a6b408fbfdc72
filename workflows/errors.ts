import {
  QueryRejectedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client'

/**
 * Whether a Temporal client call failed because the server could not be
 * reached or did not answer in time (as opposed to a workflow that refused
 * or does not exist). The caller then says "cannot save right now, try again"
 * and keeps what the user typed.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true
  if (
    error instanceof WorkflowNotFoundError ||
    error instanceof WorkflowUpdateFailedError ||
    error instanceof WorkflowFailedError ||
    error instanceof QueryRejectedError
  ) {
    return false
  }
  return error instanceof Error
}
