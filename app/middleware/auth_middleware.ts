import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { userSessions } from '#actions/identity/user_sessions'

/**
 * Lets only a logged-in, active user of this tenant through, whose session
 * is still open on the server and within the tenant's idle and absolute
 * limits; anybody else is sent to the login page (JSON callers get 401).
 * A session ended elsewhere (logout, password change, block, the user's own
 * "log out there") ends on its next request, copies of its cookie included.
 *
 * @spec IAM-1
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['web'], { loginRoute: this.redirectTo })
    const user = ctx.auth.user!
    const state =
      user.tenantId !== ctx.tenant.id || user.status !== 'active'
        ? 'ended'
        : await userSessions.check(ctx, ctx.tenant)
    if (state !== 'ok') {
      await ctx.auth.use('web').logout()
      ctx.session.flash(
        'error',
        ctx.i18n.t(state === 'ended' ? 'auth.session_ended' : `auth.sessions.${state}`)
      )
      return ctx.response.redirect(this.redirectTo)
    }
    return next()
  }
}
