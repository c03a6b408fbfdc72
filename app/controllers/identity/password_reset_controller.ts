import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { PasswordReset } from '#actions/identity/password_reset'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/auth'
import { throttles } from '#services/throttles'
import { useRecipientLocale } from '#middleware/detect_locale_middleware'

/**
 * IAM-7: forgot password, and the "choose a new password" page its e-mail
 * links to (on the tenant's own host).
 *
 * @spec IAM-7
 */
export default class PasswordResetController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password', {})
  }

  /**
   * Always the same answer, whether or not the address has an account.
   */
  async store({ request, response, session, tenant, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    try {
      await throttles.passwordReset(tenant.id, request.ip(), email).consume()
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
      session.flash('error', i18n.t('auth.too_many_attempts', { minutes }))
      return response.redirect().back()
    }
    await PasswordReset.queueRequest(tenant, email)
    session.flash('success', i18n.t('auth.reset_link_sent'))
    return response.redirect().toRoute('password.forgot')
  }

  async edit(ctx: HttpContext) {
    const { params, inertia } = ctx
    const row = await PasswordReset.find(params.token)
    if (row) {
      await row.load('user')
      useRecipientLocale(ctx, row.user.locale)
    }
    return inertia.render('auth/reset_password', { token: params.token as string, valid: !!row })
  }

  async update({ params, request, response, session, tenant, i18n }: HttpContext) {
    const { password } = await request.validateUsing(resetPasswordValidator)
    const done = await new PasswordReset(tenant).reset(params.token, password)
    if (!done) {
      session.flash('error', i18n.t('auth.reset_link_invalid'))
      return response.redirect().back()
    }
    session.flash('success', i18n.t('auth.password_changed'))
    return response.redirect().toRoute('session.create')
  }
}
