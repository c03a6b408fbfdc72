import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { SESSION_VERSION_KEY } from '#actions/identity/login_session'

/**
 * Lets only a logged-in, active user of this tenant through; anybody else is
 * sent to the login page (JSON callers get 401). A blocked user's session
 * ends on the next request.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['web'], { loginRoute: this.redirectTo })
    const user = ctx.auth.user!
    const version = ctx.session.get(SESSION_VERSION_KEY)
    if (
      user.tenantId !== ctx.tenant.id ||
      user.status !== 'active' ||
      (version !== undefined && version !== user.sessionVersion)
    ) {
      await ctx.auth.use('web').logout()
      ctx.session.flash('error', ctx.i18n.t('auth.session_ended'))
      return ctx.response.redirect(this.redirectTo)
    }
    return next()
  }
}
