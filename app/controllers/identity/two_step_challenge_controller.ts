import type { HttpContext } from '@adonisjs/core/http'
import { codeValidator } from '#validators/auth'
import { fieldError } from '#exceptions/user_facing_exception'
import { loginSession } from '#actions/identity/login_session'
import { TwoStep } from '#actions/identity/two_step'
import { EmailCodes, type CodeVerdict } from '#actions/identity/email_codes'
import { activityLog } from '#services/activity_log'
import { maskEmail } from '#services/mask_email'

/**
 * The second step of a login (IAM-2) and its way out when the phone is lost
 * (IAM-3): a code sent to the verified recovery e-mail.
 *
 * @spec IAM-2 IAM-3
 */
export default class TwoStepChallengeController {
  async show(ctx: HttpContext) {
    const user = await loginSession.pendingUser(ctx)
    if (!user) return ctx.response.redirect().toRoute('session.create')
    return ctx.inertia.render('auth/two_step', { hasRecoveryEmail: !!user.recoveryEmailVerifiedAt })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const user = await loginSession.pendingUser(ctx)
    if (!user) return response.redirect().toRoute('session.create')
    const { code } = await request.validateUsing(codeValidator)

    const attempt = await TwoStep.check(user, code)
    if (attempt.status === 'ok') {
      await loginSession.complete(ctx, user)
      return response.redirect().toIntendedRoute('portal.home')
    }
    await activityLog.record({
      type: 'login.two_step_failed',
      target: user,
      ip: request.ip(),
      details: { reason: attempt.status },
    })
    if (attempt.status === 'locked') {
      session.flash('error', i18n.t('auth.two_step.locked', { minutes: attempt.retryInMinutes }))
      return response.redirect().back()
    }
    throw fieldError('code', i18n.t(`auth.two_step.${attempt.status}`))
  }

  /** IAM-3: sends a code to the recovery e-mail. */
  async sendRecoveryCode(ctx: HttpContext) {
    const { response, session, i18n } = ctx
    const user = await loginSession.pendingUser(ctx)
    if (!user) return response.redirect().toRoute('session.create')
    if (!user.recoveryEmail || !user.recoveryEmailVerifiedAt) {
      session.flash('error', i18n.t('auth.lost_device.no_recovery_email'))
      return response.redirect().toRoute('two_step.challenge')
    }
    await EmailCodes.request(user, 'lost_device', user.recoveryEmail)
    session.flash(
      'success',
      i18n.t('auth.lost_device.code_sent', { email: maskEmail(user.recoveryEmail) })
    )
    return response.redirect().toRoute('two_step.lost_device')
  }

  async lostDevice(ctx: HttpContext) {
    const user = await loginSession.pendingUser(ctx)
    if (!user) return ctx.response.redirect().toRoute('session.create')
    const latest = await EmailCodes.latest(user, 'lost_device')
    return ctx.inertia.render('auth/lost_device', {
      recoveryEmail: user.recoveryEmail ? maskEmail(user.recoveryEmail) : null,
      codeSent: latest?.status === 'pending',
    })
  }

  /**
   * The right code removes the old authenticator, logs the user in and
   * leads straight to scanning a new QR code.
   */
  async verifyRecoveryCode(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const user = await loginSession.pendingUser(ctx)
    if (!user) return response.redirect().toRoute('session.create')
    const { code } = await request.validateUsing(codeValidator)
    const verdict = await EmailCodes.submit(user, 'lost_device', code)
    if (verdict.outcome !== 'verified') throw codeRefused(i18n, verdict)

    await user.refresh()
    await activityLog.record({
      type: 'two_step.device_reset',
      actor: user,
      ip: request.ip(),
    })
    await loginSession.complete(ctx, user)
    session.flash('success', i18n.t('auth.lost_device.removed'))
    return response.redirect().toRoute('two_step.setup')
  }
}

/**
 * The field error for a code the e-mail code workflow did not accept.
 */
export function codeRefused(
  i18n: HttpContext['i18n'],
  verdict: Exclude<CodeVerdict, { outcome: 'verified' }>
) {
  if (verdict.outcome === 'wrong') {
    return fieldError(
      'code',
      i18n.t('auth.email_code.wrong', { attemptsLeft: verdict.attemptsLeft })
    )
  }
  return fieldError('code', i18n.t(`auth.email_code.${verdict.outcome}`))
}
