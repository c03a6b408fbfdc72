import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { RequestValidator } from '@adonisjs/core/http'
import { isLocale, pickLocale, LOCALE_COOKIE, type Locale } from '#services/locale'

/**
 * Picks the language of the request (TEN-7): the logged-in user's choice,
 * else the language switch's cookie, else the browser's Accept-Language,
 * else the tenant's default. Validation messages follow it.
 *
 * @spec TEN-7
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

    useLocale(ctx, locale)
    return next()
  }
}

/**
 * Answers the rest of the request in this language.
 */
export function useLocale(ctx: HttpContext, locale: Locale) {
  ctx.i18n = i18nManager.locale(locale)
  ctx.containerResolver.bindValue(I18n, ctx.i18n)
  ctx.response.header('Content-Language', locale)
}

/**
 * Pages reached from an e-mail link (activation, new password) speak the
 * language of the person the e-mail was written for, unless the visitor
 * picked one with the language switch.
 */
export function useRecipientLocale(ctx: HttpContext, locale: string | null | undefined) {
  if (!isLocale(locale)) return
  if (isLocale(ctx.request.plainCookie(LOCALE_COOKIE, { encoded: false }))) return
  useLocale(ctx, locale)
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
