import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import EmailChange from '#models/email_change'
import { changeEmailValidator } from '#validators/auth'
import { confirmPassword } from '#actions/identity/confirm_password'
import { ConfirmEmailChange } from '#actions/identity/confirm_email_change'
import { EmailCodes } from '#actions/identity/email_codes'
import { RequestEmailChange } from '#actions/identity/request_email_change'
import { userSessions } from '#actions/identity/user_sessions'
import { activityLog } from '#services/activity_log'
import { sqlTimestamp } from '#services/sql'
import UserSessionTransformer from '#transformers/identity/user_session_transformer'
import PortalSettingsTransformer from '#transformers/tenancy/portal_settings_transformer'

/**
 * IAM-6 recovery options and IAM-4: the backup e-mail, the main e-mail
 * (changed only once the new address confirms), the password and two-step
 * verification, on one page; and the user's open sessions (ASVS V3).
 */
export default class SecurityController {
  async show(ctx: HttpContext) {
    const { inertia, auth, tenant } = ctx
    const user = auth.user!
    const latest = await EmailCodes.latest(user, 'recovery_email')
    const pendingChange = await EmailChange.query()
      .where('user_id', user.id)
      .whereNull('confirmed_at')
      .where('expires_at', '>', sqlTimestamp())
      .orderBy('id', 'desc')
      .first()
    const current = await userSessions.current(ctx)
    return inertia.render('account/security', {
      email: user.email,
      pendingEmail: pendingChange?.newEmail ?? null,
      recoveryEmail: user.recoveryEmailVerifiedAt ? user.recoveryEmail : null,
      recoveryCodeSentTo:
        latest?.status === 'pending' && latest.expiresAt > DateTime.now() ? latest.email : null,
      twoStepEnabled: !!user.totpEnabledAt,
      sessions: UserSessionTransformer.transform(
        await userSessions.list(user, tenant),
        current?.id ?? null
      ),
      sessionLimits: PortalSettingsTransformer.transform(tenant).useVariant('toSessions'),
    })
  }

  /** Ends one of the user's other sessions (a browser left logged in elsewhere). */
  async endSession(ctx: HttpContext) {
    const { params, auth, session, i18n, response, request } = ctx
    const ended = await userSessions.endOne(auth.user!, Number(params.id))
    if (ended) {
      await activityLog.record({
        type: 'session.ended',
        actor: auth.user!,
        ip: request.ip(),
      })
    }
    session.flash(
      ended ? 'success' : 'error',
      i18n.t(ended ? 'auth.sessions.ended' : 'auth.sessions.gone')
    )
    return response.redirect().toRoute('security.show')
  }

  /** Ends every session of the user but this one. */
  async endOtherSessions(ctx: HttpContext) {
    const { auth, session, i18n, response, request } = ctx
    const count = await userSessions.endAll(auth.user!, 'ended_by_user', { keep: ctx })
    await activityLog.record({
      type: 'session.ended',
      actor: auth.user!,
      ip: request.ip(),
      details: { count },
    })
    session.flash('success', i18n.t('auth.sessions.others_ended', { count }))
    return response.redirect().toRoute('security.show')
  }

  /**
   * Sends a confirmation link to the new address; the main e-mail changes
   * when it is followed. Asks for the password first.
   */
  async requestEmailChange(ctx: HttpContext) {
    const { request, response, auth, session, i18n, tenant } = ctx
    const { email, currentPassword } = await request.validateUsing(changeEmailValidator)
    await confirmPassword(ctx, 'currentPassword', currentPassword)
    await new RequestEmailChange(tenant, i18n).handle(auth.user!, email, request.ip())
    session.flash('success', i18n.t('auth.email_change.sent', { email }))
    return response.redirect().toRoute('security.show')
  }

  /**
   * The link from the e-mail: the new address becomes the login (once,
   * within its validity, if nobody took the address meanwhile).
   */
  async confirmEmailChange({ params, response, session, i18n, auth }: HttpContext) {
    await auth.use('web').check()
    const changed = await new ConfirmEmailChange().handle(String(params.token))
    if (changed) {
      session.flash('success', i18n.t('auth.email_change.done', { email: changed.email }))
    } else {
      session.flash('error', i18n.t('auth.email_change.invalid'))
    }
    return response.redirect().toRoute(auth.user ? 'security.show' : 'session.create')
  }
}
