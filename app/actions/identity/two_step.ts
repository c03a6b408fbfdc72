import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import User from '#models/user'
import type Operator from '#models/operator'
import { throttles } from '#services/throttles'
import { affectedRows } from '#services/sql'
import { totp, type TotpCheck } from '#services/totp'

export type CodeAttempt =
  | { status: 'ok' }
  | { status: 'wrong' | 'replayed' | 'malformed' }
  | { status: 'locked'; retryInMinutes: number }

class RefusedCode extends Error {
  constructor(public reason: 'wrong' | 'replayed' | 'malformed') {
    super(reason)
  }
}

/**
 * IAM-2 / IAM-4: the authenticator app as second step. The secret is kept
 * encrypted with APP_KEY; while `totpEnabledAt` is null it is only the
 * candidate of an enrolment in progress.
 *
 * @spec IAM-2 IAM-4
 */
export class TwoStep {
  static secretOf(user: User): string | null {
    return user.totpSecret ? (encryption.decrypt<string>(user.totpSecret) ?? null) : null
  }

  /**
   * The secret of the enrolment in progress, drawn on first call and kept
   * until confirmed or replaced (reloading the page shows the same QR code).
   */
  static async candidateSecret(user: User): Promise<string> {
    if (user.totpEnabledAt) throw new Error('two-step verification is already on')
    const existing = this.secretOf(user)
    if (existing) return existing
    const secret = totp.generateSecret()
    user.totpSecret = encryption.encrypt(secret)
    await user.save()
    return secret
  }

  /**
   * Checks an app code for the user, rate-limited: wrong codes count, and
   * past the limit every code is refused for a while, even a right one. A
   * right code moves `totp_last_step` forward with a conditional update, so
   * the same code sent twice at once is accepted once.
   */
  static async check(user: User, input: unknown): Promise<CodeAttempt> {
    return checkAppCode(User, user, user.tenantId, input)
  }

  /** Confirms the enrolment with a code from the app. */
  static async confirm(user: User, input: unknown): Promise<CodeAttempt> {
    const attempt = await this.check(user, input)
    if (attempt.status !== 'ok') return attempt
    user.totpEnabledAt = DateTime.now()
    user.twoStepDeclinedAt = null
    await user.save()
    return attempt
  }

  static async disable(user: User): Promise<void> {
    user.merge({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    await user.save()
  }

  static async decline(user: User): Promise<void> {
    user.twoStepDeclinedAt = DateTime.now()
    await user.save()
  }

  /** Whether login should offer enrolment to this user. */
  static shouldOffer(user: User): boolean {
    return !user.totpEnabledAt && !user.twoStepDeclinedAt
  }
}

/** What holds an authenticator app: a portal user or a platform operator. */
interface AppCodeHolder {
  id: number
  totpSecret: string | null
  totpLastStep: number | null
}

/**
 * A code of the holder's app (see TwoStep.check), for users (their tenant's
 * limits) and operators (`limitScope` 0, the platform). `model` is the
 * holder's table, where the last accepted step moves forward.
 */
export async function checkAppCode(
  model: typeof User | typeof Operator,
  holder: AppCodeHolder,
  limitScope: number,
  input: unknown
): Promise<CodeAttempt> {
  const secret = holder.totpSecret ? (encryption.decrypt<string>(holder.totpSecret) ?? null) : null
  if (!secret) return { status: 'wrong' }
  try {
    const [throttled] = await throttles.twoStep(limitScope, holder.id).penalize(async () => {
      const check: TotpCheck = totp.verify(secret, input, { lastStep: holder.totpLastStep })
      if (!check.valid) throw new RefusedCode(check.reason)
      const claimed = await (model.query() as ReturnType<typeof User.query>)
        .where('id', holder.id)
        .where((query) =>
          query.whereNull('totp_last_step').orWhere('totp_last_step', '<', check.step)
        )
        .update({ totp_last_step: check.step })
      if (affectedRows(claimed) !== 1) {
        throw new RefusedCode('replayed')
      }
      holder.totpLastStep = check.step
      return check
    })
    if (throttled) {
      return {
        status: 'locked',
        retryInMinutes: Math.max(1, Math.ceil(throttled.response.availableIn / 60)),
      }
    }
    return { status: 'ok' }
  } catch (error) {
    if (error instanceof RefusedCode) return { status: error.reason }
    throw error
  }
}
