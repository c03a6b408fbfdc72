import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * IAM-5: until a user gave a first and last name, portal pages lead to the
 * profile form first (and back to the page asked for afterwards).
 *
 * @spec IAM-5
 */
export default class ProfileCompleteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user!
    if (!user.firstName || !user.lastName) {
      if (ctx.request.method() === 'GET') ctx.session.put('redirect_to', ctx.request.url(true))
      return ctx.response.redirect().toRoute('profile.show')
    }
    return next()
  }
}
