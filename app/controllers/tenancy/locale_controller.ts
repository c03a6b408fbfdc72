import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#validators/auth'
import { rememberLocale } from '#services/locale'

/**
 * The language switch (TEN-7): remembered on the account of a logged-in
 * user (so e-mails follow it too), and in a cookie for everybody.
 *
 * @spec TEN-7
 */
export default class LocaleController {
  async update({ request, response, auth }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    if (auth.user) {
      auth.user.locale = locale
      await auth.user.save()
    }
    rememberLocale(response, locale)
    return response.redirect().back()
  }
}
