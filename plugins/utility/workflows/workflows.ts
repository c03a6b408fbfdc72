import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow'
import type { UtilityActivities } from './activities.js'
import {
  TERMS_VERSION,
  type ConfirmInput,
  type MoveInAnswers,
  type MoveInInput,
  type MoveInState,
  type SaveStepInput,
} from '../shared/move_in.js'

/** Saves one step's answers (checked field by field by the server before). */
export const saveStepUpdate = defineUpdate<MoveInState, [SaveStepInput]>('saveStep')
/** Step 7: the terms accepted; records the move request. */
export const confirmUpdate = defineUpdate<MoveInState, [ConfirmInput]>('confirm')
/** The wizard's state: answers so far, steps completed, status. */
export const stateQuery = defineQuery<MoveInState>('state')

const activities = proxyActivities<UtilityActivities>({
  // Each is a few queries, a file or an outbox record.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
})

const DAY_MS = 24 * 60 * 60 * 1000

const STEP_KEYS = ['premise', 'moveDate', 'resident', 'services', 'readings', 'payment'] as const

/**
 * Changing an earlier answer can make later ones wrong: another premise has
 * other services and meters, and its advance was proposed from its own
 * past consumption. Those later steps are asked again.
 */
const INVALIDATES: Partial<Record<SaveStepInput['step'], number>> = { 1: 4 }

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'MoveInRefused')
}

/**
 * UTIL-2: one resident's move-in wizard, from the first step to the move
 * request (or to being dropped). Each step is an Update whose validator
 * checks order and state (the server checked the fields before), so a step
 * out of order or after confirmation is refused without touching the
 * history; a repeated submit with the same update id is answered once.
 *
 * Timers: a reminder e-mail after `reminderDays` without activity (once
 * the resident gave an e-mail address), and the wizard is dropped after
 * `abandonDays` without activity. After step 3 a resume link is e-mailed
 * (again when the address changes).
 *
 * @spec UTIL-2
 */
export async function utilityMoveInWorkflow(input: MoveInInput): Promise<MoveInState['status']> {
  const state: MoveInState = {
    status: 'open',
    completed: 0,
    answers: {},
    reference: null,
    locale: input.locale,
  }
  let activity = 0
  let confirming = false
  /** The address the current resume link went to. */
  let resumeSentTo: string | null = null
  const ref = { tenantId: input.tenantId, key: input.key }

  setHandler(stateQuery, () => state)

  setHandler(
    saveStepUpdate,
    (step) => {
      const answers = state.answers as Record<string, unknown>
      const firstStale = INVALIDATES[step.step]
      const stale = firstStale !== undefined && answersChanged(step)
      answers[STEP_KEYS[step.step - 1]] = step.answer
      if (step.step === 3) state.locale = step.answer.locale
      if (stale) {
        for (const key of STEP_KEYS.slice(firstStale! - 1)) delete answers[key]
        state.completed = Math.max(step.step, Math.min(state.completed, firstStale! - 1))
      } else {
        state.completed = Math.max(state.completed, step.step)
      }
      activity++
      return state
    },
    {
      validator(step) {
        if (state.status !== 'open' || confirming) refuse('The move-in is closed')
        if (!Number.isInteger(step.step) || step.step < 1 || step.step > 6) {
          refuse('Unknown step')
        }
        if (step.step > state.completed + 1) refuse('An earlier step is missing')
      },
    }
  )

  /** Whether a new step 1 answer is another premise than the saved one. */
  function answersChanged(step: SaveStepInput): boolean {
    if (step.step !== 1) return false
    const before = state.answers.premise
    return (
      before !== undefined &&
      (before.premiseId !== step.answer.premiseId || before.label !== step.answer.label)
    )
  }

  setHandler(
    confirmUpdate,
    async (terms) => {
      if (confirming || state.status === 'confirmed') {
        // A second click while the first is still recording: answer with its outcome.
        await condition(() => state.status === 'confirmed')
        return state
      }
      confirming = true
      const { reference } = await activities.recordMoveRequest({
        ...ref,
        answers: state.answers as Required<MoveInAnswers>,
        terms,
        locale: state.locale,
      })
      state.reference = reference
      state.status = 'confirmed'
      confirming = false
      activity++
      return state
    },
    {
      validator(terms) {
        if (state.status === 'confirmed' || confirming) return
        if (state.status !== 'open') refuse('The move-in is closed')
        if (state.completed < 6) refuse('An earlier step is missing')
        if (terms.termsVersion !== TERMS_VERSION) refuse('The terms changed; read them again')
      },
    }
  )

  const residentEmail = () => state.answers.resident?.email ?? null
  const needsResumeLink = () =>
    state.status === 'open' && residentEmail() !== null && residentEmail() !== resumeSentTo

  while (state.status === 'open') {
    const seen = activity
    const moved = await condition(
      () => activity !== seen || state.status !== 'open' || needsResumeLink(),
      input.reminderDays * DAY_MS
    )
    if (state.status !== 'open') break
    if (needsResumeLink()) {
      const to = residentEmail()!
      await activities.sendResumeLink({ ...ref, email: to, locale: state.locale })
      resumeSentTo = to
      continue
    }
    if (moved) continue

    // Quiet for reminderDays: remind once, then drop the wizard if it stays quiet.
    if (residentEmail()) {
      await activities.sendMoveInReminder({
        ...ref,
        email: residentEmail()!,
        locale: state.locale,
        idleSince: seen,
      })
    }
    const back = await condition(
      () => activity !== seen || state.status !== 'open',
      Math.max(1000, (input.abandonDays - input.reminderDays) * DAY_MS)
    )
    if (!back) {
      state.status = 'abandoned'
      const files = (state.answers.readings?.readings ?? []).flatMap((reading) =>
        reading.attachment ? [reading.attachment.key] : []
      )
      await activities.abandonMoveIn({ ...ref, files })
    }
  }

  if (state.status === 'confirmed') {
    await activities.sendMoveInReceived({ ...ref, locale: state.locale })
  }
  await condition(allHandlersFinished)
  return state.status
}
