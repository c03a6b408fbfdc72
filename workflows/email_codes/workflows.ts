/** @spec IAM-2 IAM-3 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow'
import type { EmailCodeActivities } from './activities.js'
import type { EmailCodeState, EmailCodeWorkflowInput, SubmitOutcome } from './config.js'

/** The user typed a code on the page. Malformed input is rejected before it enters history. */
export const submitCodeUpdate = defineUpdate<SubmitOutcome, [string]>('submitCode')
/** The user asked for a new code: this one dies. */
export const replacedSignal = defineSignal('replaced')
export const emailCodeStateQuery = defineQuery<EmailCodeState>('state')

const { sendEmailCode, checkEmailCode, closeEmailCode } = proxyActivities<EmailCodeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
})

/**
 * IAM-2 / IAM-3: proves that the user reads an e-mail address. Sends a
 * 6-digit code, accepts at most `maxAttempts` submissions through the
 * `submitCode` update, and dies after `ttlMs` or when a newer code replaces
 * it. Submissions are checked one at a time, so a burst of parallel guesses
 * cannot slip past the attempt limit.
 *
 * The code itself never enters the workflow's history: the activity that
 * sends it keeps only an HMAC in the database, and checking happens there.
 */
export async function emailCodeWorkflow(input: EmailCodeWorkflowInput): Promise<EmailCodeState> {
  let state: EmailCodeState = 'sending'
  let attempts = 0
  let queue: Promise<unknown> = Promise.resolve()
  const ref = { tenantId: input.tenantId, emailCodeId: input.emailCodeId }
  /** The handlers change `state`; read it through here so the compiler does not assume. */
  const current = (): EmailCodeState => state

  setHandler(emailCodeStateQuery, () => state)
  setHandler(replacedSignal, () => {
    if (state === 'sending' || state === 'waiting') state = 'replaced'
  })
  setHandler(
    submitCodeUpdate,
    (code: string): Promise<SubmitOutcome> => {
      const turn = queue.then(async (): Promise<SubmitOutcome> => {
        // A code typed while the e-mail is still being queued waits for it.
        await condition(() => state !== 'sending')
        if (state !== 'waiting') return closedOutcome(state)
        attempts += 1
        if ((await checkEmailCode(ref, code)) === 'verified') {
          state = 'verified'
          return { outcome: 'verified' }
        }
        if (attempts >= input.maxAttempts) {
          state = 'locked'
          return { outcome: 'locked' }
        }
        return { outcome: 'wrong', attemptsLeft: input.maxAttempts - attempts }
      })
      queue = turn.catch(() => undefined)
      return turn
    },
    {
      validator: (code: string) => {
        if (typeof code !== 'string' || !/^\d{6}$/.test(code)) throw new Error('malformed code')
      },
    }
  )

  await sendEmailCode(ref)
  if (state === 'sending') state = 'waiting'

  const settled = await condition(() => state !== 'waiting', input.ttlMs)
  if (!settled) state = 'expired'
  // A submission being checked at the deadline finishes first (and may still verify).
  await condition(allHandlersFinished)
  const final = current()
  if (final !== 'verified') await closeEmailCode(ref, final)
  return final
}

function closedOutcome(state: EmailCodeState): SubmitOutcome {
  if (state === 'locked' || state === 'replaced') return { outcome: state }
  return { outcome: 'expired' }
}
