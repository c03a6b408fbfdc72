import type { HttpContext } from '@adonisjs/core/http'
import { loginSession } from '#actions/identity/login_session'
import { activityLog } from '#services/activity_log'
import { ActivateAccount } from '#actions/identity/activate_account'
import { activationValidator } from '#validators/auth'
import { useRecipientLocale } from '#middleware/detect_locale_middleware'

/**
 * IAM-8: the page an invitation e-mail links to. A valid link asks for a
 * password; an expired, replaced or used link says so.
 *
 * @spec IAM-8
 */
export default class ActivationController {
  async show(ctx: HttpContext) {
    const { params, inertia, tenant } = ctx
    const link = await ActivateAccount.inspect(params.token)
    if (link.state !== 'valid') {
      return inertia.render('auth/invitation_unusable', { reason: link.state })
    }
    const user = link.invitation.user
    useRecipientLocale(ctx, user.locale ?? tenant.defaultLocale)
    return inertia.render('auth/activate', {
      token: params.token as string,
      email: user.email,
      firstName: user.firstName,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, inertia } = ctx
    const { password } = await request.validateUsing(activationValidator)
    const result = await new ActivateAccount().handle(params.token, password)
    if ('user' in result) {
      await activityLog.record({
        type: 'account.activated',
        actor: result.user,
        ip: request.ip(),
      })
      await loginSession.complete(ctx, result.user)
      return response.redirect().toRoute('portal.home')
    }
    return inertia.render('auth/invitation_unusable', { reason: result.state })
  }
}
