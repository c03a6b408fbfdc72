import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { fieldError, UserFacingException } from '#exceptions/user_facing_exception'
import { throttles } from '#services/throttles'

class WrongPassword extends Error {}

/**
 * A logged-in user confirms a sensitive change with the current password.
 * Wrong passwords count against the same limit as the login form, so an
 * open session cannot be used to guess the password.
 */
export async function confirmPassword(ctx: HttpContext, field: string, password: string) {
  const user = ctx.auth.user!
  try {
    const [throttled] = await throttles
      .login(user.tenantId, ctx.request.ip(), user.email)
      .penalize(async () => {
        if (!(await User.verifyCredentials(user.email, password))) throw new WrongPassword()
        return true
      })
    if (throttled) {
      throw new UserFacingException('auth.too_many_attempts', {
        data: { minutes: Math.max(1, Math.ceil(throttled.response.availableIn / 60)) },
      })
    }
  } catch (error) {
    if (error instanceof WrongPassword) throw fieldError(field, ctx.i18n.t('auth.wrong_password'))
    throw error
  }
}
