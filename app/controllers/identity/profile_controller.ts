import type { HttpContext } from '@adonisjs/core/http'
import { changePasswordValidator, profileValidator } from '#validators/auth'
import { confirmPassword } from '#actions/identity/confirm_password'
import { activityLog } from '#services/activity_log'
import { rememberLocale } from '#services/locale'
import { userSessions } from '#actions/identity/user_sessions'
import { ChangePassword } from '#actions/identity/change_password'
import UserAccountTransformer from '#transformers/identity/user_account_transformer'

/**
 * IAM-5: the profile (first and last name, language) asked for at first
 * login, and the password change.
 *
 * @spec IAM-5
 */
export default class ProfileController {
  async show({ inertia, auth }: HttpContext) {
    const user = auth.user!
    return inertia.render('account/profile', {
      completing: !user.firstName || !user.lastName,
      profile: UserAccountTransformer.transform(user).useVariant('toProfile'),
      twoStepEnabled: !!user.totpEnabledAt,
    })
  }

  async update({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.user!
    const wasComplete = !!user.firstName && !!user.lastName
    const input = await request.validateUsing(profileValidator)
    user.merge(input)
    await user.save()
    rememberLocale(response, input.locale)
    await activityLog.record({
      type: 'profile.updated',
      actor: user,
      ip: request.ip(),
    })
    i18n.switchLocale(input.locale)
    session.flash('success', i18n.t('auth.profile_saved'))
    if (!wasComplete) return response.redirect().toIntendedRoute('portal.home')
    return response.redirect().toRoute('profile.show')
  }

  /**
   * Old password, new password twice. Other sessions of the user end.
   */
  async updatePassword(ctx: HttpContext) {
    const { request, response, auth, session, i18n } = ctx
    const { currentPassword, password } = await request.validateUsing(changePasswordValidator)
    await confirmPassword(ctx, 'currentPassword', currentPassword)
    await new ChangePassword().handle(auth.user!, password, {
      keep: await userSessions.current(ctx),
      ip: request.ip(),
    })
    session.flash('success', i18n.t('auth.password_updated'))
    return response.redirect().back()
  }
}
