import type { HttpContext } from '@adonisjs/core/http'
import { codeValidator, recoveryEmailValidator } from '#validators/auth'
import { fieldError } from '#exceptions/user_facing_exception'
import { EmailCodes } from '#actions/identity/email_codes'
import { activityLog } from '#services/activity_log'
import { codeRefused } from '#controllers/identity/two_step_challenge_controller'

/**
 * IAM-2 / IAM-6: the recovery (backup) e-mail, verified with a 6-digit code
 * before it counts. Used by the two-step enrolment and the security page.
 *
 * @spec IAM-2 IAM-6
 */
export default class RecoveryEmailController {
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.user!
    const { email } = await request.validateUsing(recoveryEmailValidator)
    if (email === user.email) throw fieldError('email', i18n.t('auth.recovery_email.same_as_main'))
    await EmailCodes.request(user, 'recovery_email', email)
    session.flash('success', i18n.t('auth.recovery_email.code_sent', { email }))
    return response.redirect().back()
  }

  async verify({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.user!
    const { code } = await request.validateUsing(codeValidator)
    const verdict = await EmailCodes.submit(user, 'recovery_email', code)
    if (verdict.outcome !== 'verified') throw codeRefused(i18n, verdict)
    await user.refresh()
    await activityLog.record({
      type: 'recovery_email.verified',
      actor: user,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('auth.recovery_email.verified', { email: user.recoveryEmail! }))
    return response.redirect().back()
  }

  /** Stops a verification in progress (to use another address). */
  async cancel({ response, auth }: HttpContext) {
    const latest = await EmailCodes.latest(auth.user!, 'recovery_email')
    if (latest?.status === 'pending') await EmailCodes.cancel(latest)
    return response.redirect().back()
  }
}
