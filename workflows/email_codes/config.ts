/**
 * Names shared by the e-mail code workflow, its client and its activities.
 * No runtime imports: the workflow bundle includes this file.
 *
 * @spec IAM-2 IAM-3
 */

/** What a code proves. */
export type EmailCodePurpose = 'recovery_email' | 'lost_device'

export function emailCodeWorkflowId(tenantId: number, emailCodeId: number): string {
  return `email-code-t${tenantId}-c${emailCodeId}`
}

export interface EmailCodeWorkflowInput {
  v: 1
  tenantId: number
  emailCodeId: number
  ttlMs: number
  maxAttempts: number
}

/**
 * What a submitted code did: `verified` ends the workflow with success;
 * `wrong` leaves `attemptsLeft`; `locked` (too many wrong codes), `expired`
 * and `replaced` (a newer code was asked for) mean this code is dead.
 */
export type SubmitOutcome =
  | { outcome: 'verified' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'locked' | 'expired' | 'replaced' }

export type EmailCodeState = 'sending' | 'waiting' | 'verified' | 'locked' | 'expired' | 'replaced'
