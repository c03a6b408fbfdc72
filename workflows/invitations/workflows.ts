/** @spec IAM-8 */
import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow'
import type { InvitationActivities } from './activities.js'
import type { InvitationOutcome, InvitationState, InvitationWorkflowInput } from './config.js'

/** The activation page: the user chose a password; the account is active. */
export const activatedSignal = defineSignal('activated')
/** A newer invitation replaced this one. */
export const voidedSignal = defineSignal('voided')
export const stateQuery = defineQuery<InvitationState>('state')

const { sendInvitationEmail, expireInvitation } = proxyActivities<InvitationActivities>({
  // Each activity is a couple of queries plus a Redis push.
  startToCloseTimeout: '30 seconds',
  retry: {
    // A database or Redis outage should be ridden out, not turned into a lost invitation.
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
  },
})

/**
 * IAM-8: one invitation's life. Sends the e-mail (a queued mail job), then
 * waits for the activation page to signal, for a newer invitation to void it,
 * or for the validity period to pass, whichever comes first.
 *
 * The database row is the record; each transition is a conditional update
 * (`where status = 'pending'`), so the activation page and the expiry can
 * race without both winning. The workflow returns what actually happened.
 */
export async function invitationWorkflow(
  input: InvitationWorkflowInput
): Promise<InvitationOutcome> {
  let state: InvitationState = 'sending'
  let signalled: 'accepted' | 'voided' | undefined

  setHandler(stateQuery, () => state)
  setHandler(activatedSignal, () => {
    signalled ??= 'accepted'
  })
  setHandler(voidedSignal, () => {
    signalled ??= 'voided'
  })

  if (!input.emailIncluded) {
    await sendInvitationEmail({ tenantId: input.tenantId, invitationId: input.invitationId })
  }
  state = 'waiting'

  if (await condition(() => signalled !== undefined, input.ttlMs)) {
    state = signalled!
    return state
  }

  state = await expireInvitation({ tenantId: input.tenantId, invitationId: input.invitationId })
  return state
}
