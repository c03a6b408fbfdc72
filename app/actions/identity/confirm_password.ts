import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { fieldError, UserFacingException } from '#exceptions/user_facing_exception'
import { throttles } from '#services/throttles'

/**
 * A logged-in user confirms a sensitive change with the current password.
 * Wrong passwords count against the same limits as the login form (per
 * account and per client address), so an open session cannot be used to
 * guess the password.
 *
 * @spec IAM-4 IAM-6
 */
export async function confirmPassword(ctx: HttpContext, field: string, password: string) {
  const user = ctx.auth.user!
  const limits = throttles.login(user.tenantId, ctx.request.ip(), user.email)
  const wait = await limits.blockedFor()
  if (wait !== null) {
    throw new UserFacingException('auth.too_many_attempts', {
      data: { minutes: Math.max(1, Math.ceil(wait / 60)) },
    })
  }
  if (await User.verifyCredentials(user.email, password)) {
    await limits.succeeded()
    return
  }
  await limits.failed()
  throw fieldError(field, ctx.i18n.t('auth.wrong_password'))
}
