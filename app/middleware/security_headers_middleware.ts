import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'

/**
 * Outside production the Vite dev server's client talks back over a
 * WebSocket (hot reload) to the page's own host name, on Vite's port.
 */
function devConnect(hostname: string | null): string {
  if (app.inProduction || !hostname || !/^[\w.-]+$/.test(hostname)) return ''
  return ` ws://${hostname}:*`
}

/**
 * The security headers of every answer (ASVS V14.4), set before anything
 * else runs, so a 404 for an unknown host or route and an error page carry
 * them as much as a page does:
 *
 * - Content-Security-Policy: scripts only from this origin and with this
 *   answer's nonce (no inline script, no eval), nothing embeds a page
 *   (frame-ancestors), forms post here only, no plugins, no <base>.
 *   Styles may be inline: Vue, Vite and Inertia's progress bar set them
 *   (no script can run from a style).
 * - X-Frame-Options DENY (older browsers), X-Content-Type-Options nosniff,
 *   Referrer-Policy (no path or query of a page leaves the site),
 *   Permissions-Policy (no camera, microphone, location…),
 *   Cross-Origin-Opener-Policy.
 * - Strict-Transport-Security whenever the request came over HTTPS
 *   (directly or through a trusted proxy), never over plain HTTP.
 * - Cache-Control: no-store unless the route set its own; API answers are
 *   attachments (a browser never renders one as a page).
 *
 * A route may send a stricter policy of its own (a stored file: sandbox).
 */
export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const nonce = randomBytes(16).toString('base64')
    ctx.response.nonce = nonce
    const { response, request } = ctx
    response.header(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src 'self'${devConnect(request.hostname())}`,
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join('; ')
    )
    response.header('X-Frame-Options', 'DENY')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Referrer-Policy', 'strict-origin-when-cross-origin')
    response.header(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
    )
    response.header('Cross-Origin-Opener-Policy', 'same-origin')
    if (request.secure()) {
      response.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    await next()
    // Answers written straight to the socket (static files, Vite, bull-arena) are gone already.
    if (response.response.headersSent) return
    // ASVS 8.2.1: nothing personal stays in a browser's or a proxy's cache, unless the route
    // said how long its answer may be kept (built assets, branding images).
    if (!response.getHeader('cache-control') && !response.response.getHeader('cache-control')) {
      response.header('Cache-Control', 'no-store')
    }
    // ASVS 13.1.x / 14.4.2: an API answer opened by a browser is a file, never a page.
    if (request.url().startsWith('/api/') && !response.getHeader('content-disposition')) {
      response.header('Content-Disposition', 'attachment; filename="api.json"')
    }
  }
}
