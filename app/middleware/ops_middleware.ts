import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Operator from '#models/operator'
import { operatorLogin } from '#actions/operations/operator_login'
import { useLocale } from '#middleware/detect_locale_middleware'
import { LOCALE_COOKIE, pickLocale } from '#services/locale'

/**
 * The operator host's pages: in the operator's language (the language
 * switch's cookie, else the browser's), and, for `{ guard: true }`, only
 * for a logged-in operator who gave a code (everybody else goes to its login
 * page; JSON callers get 401).
 *
 * @spec OPS-1
 */
export default class OpsMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { guard?: boolean } = {}) {
    useLocale(
      ctx,
      pickLocale({
        cookieLocale: ctx.request.plainCookie(LOCALE_COOKIE, { encoded: false }),
        acceptLanguage: ctx.request.languages(),
        tenantDefault: 'en',
      })
    )
    if (options.guard) {
      const operator = await operatorLogin.current(ctx)
      if (!operator) {
        if (ctx.request.accepts(['html', 'json']) === 'json') {
          return ctx.response.unauthorized({ code: 'E_UNAUTHORIZED' })
        }
        return ctx.response.redirect('/login')
      }
      ctx.operator = operator
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    operator?: Operator
  }
}
