import type { HttpContext } from '@adonisjs/core/http'
import config from '@adonisjs/core/services/config'
import { DateTime } from 'luxon'
import User from '#models/user'
import { activityLog } from '#services/activity_log'
import { TwoStep } from '#actions/identity/two_step'

/**
 * A login whose password was right and whose second step is still due. It
 * lives in the session only, never as a logged-in user: nothing behind
 * `auth` opens before the code is given.
 */
const PENDING_KEY = 'login.pending'
interface PendingLogin {
  userId: number
  at: number
}

/** @spec IAM-2 */
export const loginSession = {
  startSecondStep({ session }: HttpContext, user: User) {
    session.regenerate()
    session.put(PENDING_KEY, { userId: user.id, at: Date.now() } satisfies PendingLogin)
  },

  /**
   * The user half-way through logging in, or null when there is none or it
   * waited too long (the password must then be given again).
   */
  async pendingUser({ session }: HttpContext): Promise<User | null> {
    const pending = session.get(PENDING_KEY) as PendingLogin | undefined
    if (!pending) return null
    const minutes = config.get<number>('identity.twoStep.pendingLoginMinutes')
    if (Date.now() - pending.at > minutes * 60_000) {
      session.forget(PENDING_KEY)
      return null
    }
    const user = await User.find(pending.userId)
    if (!user || user.status !== 'active') {
      session.forget(PENDING_KEY)
      return null
    }
    return user
  },

  /**
   * Logs the user in for good and records it. Returns where to go next:
   * the two-step offer (IAM-2) or the page the user first asked for.
   */
  async complete(ctx: HttpContext, user: User): Promise<void> {
    ctx.session.forget(PENDING_KEY)
    // The guard opens the session's server-side row (#actions/identity/user_sessions).
    await ctx.auth.use('web').login(user)
    user.lastLoginAt = DateTime.now()
    await user.save()
    await activityLog.record({
      type: 'login.succeeded',
      actor: user,
      ip: ctx.request.ip(),
      details: { twoStep: !!user.totpEnabledAt },
    })
  },

  redirectAfterLogin(ctx: HttpContext, user: User) {
    if (TwoStep.shouldOffer(user)) return ctx.response.redirect().toRoute('two_step.offer')
    return ctx.response.redirect().toIntendedRoute('portal.home')
  },
}
