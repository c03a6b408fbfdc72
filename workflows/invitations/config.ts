/**
 * Names shared by the invitation workflow, its client and its worker.
 * No runtime imports: the workflow bundle includes this file.
 *
 * @spec IAM-8
 */

/**
 * One workflow per invitation row: a rerun of the same start is recognised
 * as "already started", never duplicated.
 */
export function invitationWorkflowId(tenantId: number, invitationId: number): string {
  return `invitation-t${tenantId}-i${invitationId}`
}

/** Input of invitationWorkflow, versioned. */
export interface InvitationWorkflowInput {
  v: 1
  tenantId: number
  invitationId: number
  /** How long the link stays valid (the tenant's setting, in ms). */
  ttlMs: number
  /**
   * The link went out inside another e-mail (the first new-documents
   * notification, IAM-8): the workflow only keeps the invitation's time.
   */
  emailIncluded?: boolean
}

export type InvitationOutcome = 'accepted' | 'voided' | 'expired'
export type InvitationState = 'sending' | 'waiting' | InvitationOutcome
