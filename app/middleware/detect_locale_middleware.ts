import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { RequestValidator } from '@adonisjs/core/http'
import { pickLocale, LOCALE_COOKIE } from '#services/locale'

/**
 * Picks the language of the request (TEN-7): the logged-in user's choice,
 * else the language switch's cookie, else the browser's Accept-Language,
 * else the tenant's default. Validation messages follow it.
 */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  async handle(ctx: HttpContext, next: NextFn) {
    /**
     * Only a session that carries a login can hold a user: skip the guard's
     * lookup (and the exception it throws internally) for everybody else.
     */
    if (ctx.session.has(ctx.auth.use('web').sessionKeyName)) await ctx.auth.check()

    const locale = pickLocale({
      userLocale: ctx.auth.user?.locale,
      cookieLocale: ctx.request.plainCookie(LOCALE_COOKIE, { encoded: false }),
      acceptLanguage: ctx.request.languages(),
      tenantDefault: ctx.tenant.defaultLocale,
    })

    ctx.i18n = i18nManager.locale(locale)
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    ctx.response.header('Content-Language', locale)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
