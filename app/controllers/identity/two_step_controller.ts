import type { HttpContext } from '@adonisjs/core/http'
import QRCode from 'qrcode'
import { DateTime } from 'luxon'
import { codeValidator, disableTwoStepValidator } from '#validators/auth'
import { fieldError } from '#exceptions/user_facing_exception'
import { confirmPassword } from '#actions/identity/confirm_password'
import type User from '#models/user'
import { TwoStep } from '#actions/identity/two_step'
import { EmailCodes } from '#actions/identity/email_codes'
import { activityLog } from '#services/activity_log'
import { totp } from '#services/totp'

/**
 * IAM-2 and IAM-4 for a logged-in user: the offer after login, the
 * enrolment (install the app, verify a recovery e-mail, scan the QR code,
 * confirm with a code) and turning it off again.
 *
 * @spec IAM-2 IAM-4
 */
export default class TwoStepController {
  async offer({ inertia, auth, response }: HttpContext) {
    if (auth.user!.totpEnabledAt) return response.redirect().toRoute('portal.home')
    return inertia.render('account/two_step_offer', {})
  }

  async decline({ auth, response, request }: HttpContext) {
    const user = auth.user!
    await TwoStep.decline(user)
    await activityLog.record({
      type: 'two_step.declined',
      actor: user,
      ip: request.ip(),
    })
    return response.redirect().toIntendedRoute('portal.home')
  }

  /**
   * The enrolment page, at the step the user is at. The recovery e-mail is
   * asked first; the QR code shows once it is verified.
   */
  async show({ inertia, auth, tenant }: HttpContext) {
    const user = auth.user!
    if (user.totpEnabledAt) {
      return inertia.render('account/two_step', {
        step: 'enabled' as const,
        enabledAt: user.totpEnabledAt.toISO(),
      })
    }
    const pendingCode = await this.pendingRecoveryCode(user)
    if (!user.recoveryEmailVerifiedAt || pendingCode) {
      return inertia.render('account/two_step', {
        step: pendingCode ? ('verify' as const) : ('recovery' as const),
        recoveryEmail: pendingCode?.email ?? user.recoveryEmail ?? user.email,
      })
    }
    const secret = await TwoStep.candidateSecret(user)
    const uri = totp.uri(secret, tenant.name, user.email)
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
    return inertia.render('account/two_step', {
      step: 'app' as const,
      recoveryEmail: user.recoveryEmail,
      qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      secret: secret.replace(/(.{4})/g, '$1 ').trim(),
      account: user.email,
      issuer: tenant.name,
    })
  }

  async pendingRecoveryCode(user: User) {
    const latest = await EmailCodes.latest(user, 'recovery_email')
    return latest?.status === 'pending' && latest.expiresAt > DateTime.now() ? latest : null
  }

  /** Confirms the enrolment with the app's code. */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.user!
    if (user.totpEnabledAt) return response.redirect().toRoute('two_step.setup')
    if (!user.recoveryEmailVerifiedAt) return response.redirect().toRoute('two_step.setup')
    const { code } = await request.validateUsing(codeValidator)
    const attempt = await TwoStep.confirm(user, code)
    if (attempt.status === 'locked') {
      session.flash('error', i18n.t('auth.two_step.locked', { minutes: attempt.retryInMinutes }))
      return response.redirect().back()
    }
    if (attempt.status !== 'ok') throw fieldError('code', i18n.t(`auth.two_step.${attempt.status}`))
    await activityLog.record({
      type: 'two_step.enabled',
      actor: user,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('auth.two_step.enabled'))
    return response.redirect().toRoute('portal.home')
  }

  /**
   * IAM-4: off again, after the password or a current code.
   */
  async destroy(ctx: HttpContext) {
    const { request, response, auth, session, i18n } = ctx
    const user = auth.user!
    if (!user.totpEnabledAt) return response.redirect().back()
    const { password, code } = await request.validateUsing(disableTwoStepValidator)
    if (code) {
      const attempt = await TwoStep.check(user, code)
      if (attempt.status === 'locked') {
        session.flash('error', i18n.t('auth.two_step.locked', { minutes: attempt.retryInMinutes }))
        return response.redirect().back()
      }
      if (attempt.status !== 'ok') {
        throw fieldError('code', i18n.t(`auth.two_step.${attempt.status}`))
      }
    } else {
      await confirmPassword(ctx, 'password', password ?? '')
    }
    await TwoStep.disable(user)
    await activityLog.record({
      type: 'two_step.disabled',
      actor: user,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('auth.two_step.disabled'))
    return response.redirect().toRoute('security.show')
  }
}
