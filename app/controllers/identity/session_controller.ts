import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#validators/auth'
import { attemptLogin } from '#actions/identity/attempt_login'
import { loginSession } from '#actions/identity/login_session'
import { activityLog } from '#services/activity_log'
import { throttles } from '#services/throttles'
import User from '#models/user'
import { slotPanels } from '#plugins/slots'

/**
 * IAM-1: log in with e-mail and password, log out from the user menu.
 *
 * @spec IAM-1
 */
export default class SessionController {
  async create(ctx: HttpContext) {
    const { inertia, session, tenant } = ctx
    return inertia.render('auth/login', {
      unconfirmedEmail:
        (session.flashMessages.get('unconfirmedEmail') as string | undefined) ?? null,
      canRegister: tenant.registrationOptions.length > 0,
      /** Actions of the enabled plugins for visitors ("report a move-in"). */
      slots: await slotPanels(ctx, 'portal.start'),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, tenant, i18n } = ctx
    const { email, password } = await request.validateUsing(loginValidator)
    const attempt = await attemptLogin(tenant, request.ip(), email, password)

    if (attempt.status === 'unconfirmed') {
      session.flash('error', i18n.t('registration.unconfirmed'))
      session.flash('unconfirmedEmail', email)
      return response.redirect().back()
    }
    if (attempt.status !== 'ok') {
      await activityLog.record({
        type: 'login.failed',
        email,
        ip: request.ip(),
        details: { reason: attempt.status },
      })
      session.flash(
        'error',
        attempt.status === 'throttled'
          ? i18n.t('auth.login_locked', { minutes: attempt.retryInMinutes })
          : i18n.t('auth.invalid_credentials')
      )
      return response.redirect().back()
    }

    if (attempt.user.totpEnabledAt) {
      loginSession.startSecondStep(ctx, attempt.user)
      return response.redirect().toRoute('two_step.challenge')
    }
    await loginSession.complete(ctx, attempt.user)
    return loginSession.redirectAfterLogin(ctx, attempt.user)
  }

  /**
   * The link e-mailed to the owner of an account locked by wrong passwords:
   * signed, for this account, valid for an hour. Lifts the lock at once.
   */
  async unlock({ request, params, session, response, i18n, tenant }: HttpContext) {
    const user = request.hasValidSignature('login-unlock')
      ? await User.query().where('id', Number(params.id)).where('status', 'active').first()
      : null
    if (!user) {
      session.flash('error', i18n.t('auth.unlock_invalid'))
      return response.redirect().toRoute('session.create')
    }
    await throttles.loginAccount(tenant.id, user.email).clearAccount()
    await activityLog.record({
      type: 'login.unlocked',
      actor: user,
      ip: request.ip(),
    })
    session.flash('success', i18n.t('auth.unlocked'))
    return response.redirect().toRoute('session.create')
  }

  async destroy({ auth, response, session, i18n, inertia, request }: HttpContext) {
    const user = auth.user
    await auth.use('web').logout()
    if (user) {
      await activityLog.record({
        type: 'logout',
        actor: user,
        ip: request.ip(),
      })
    }
    session.flash('success', i18n.t('auth.logged_out'))
    inertia.clearHistory()
    return response.redirect().toRoute('session.create')
  }
}
