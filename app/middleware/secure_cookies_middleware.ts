import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Cookies carry `Secure` whenever the request came over HTTPS: directly, or
 * through a trusted proxy that says so (X-Forwarded-Proto, `trustProxy` in
 * config/app.ts), in development too. Production marks every cookie Secure
 * by configuration already. A server middleware, so it sees the cookies the
 * session writes on its way out.
 */
export default class SecureCookiesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    if (!ctx.request.secure()) return
    const header = ctx.response.getHeader('set-cookie')
    if (!header) return
    const cookies = (Array.isArray(header) ? header : [String(header)]).map((cookie) =>
      /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`
    )
    ctx.response.header('set-cookie', cookies)
  }
}
