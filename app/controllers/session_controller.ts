import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { loginValidator } from '#validators/auth'
import { attemptLogin } from '#actions/identity/attempt_login'

/**
 * IAM-1: log in with e-mail and password, log out from the user menu.
 */
export default class SessionController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/login', {})
  }

  async store({ request, response, auth, session, tenant, i18n }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const attempt = await attemptLogin(tenant.id, request.ip(), email, password)

    if (attempt.status !== 'ok') {
      session.flash(
        'error',
        attempt.status === 'throttled'
          ? i18n.t('auth.too_many_attempts', { minutes: attempt.retryInMinutes })
          : i18n.t('auth.invalid_credentials')
      )
      return response.redirect().back()
    }

    await auth.use('web').login(attempt.user)
    attempt.user.lastLoginAt = DateTime.now()
    await attempt.user.save()
    return response.redirect().toIntendedRoute('portal.home')
  }

  async destroy({ auth, response, session, i18n, inertia }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', i18n.t('auth.logged_out'))
    inertia.clearHistory()
    return response.redirect().toRoute('session.create')
  }
}
