import { defineConfig } from '@adonisjs/shield'
import { opsHost } from '#services/ops_host'

const shieldConfig = defineConfig({
  /** See security_headers_middleware (below). */
  csp: {
    enabled: false,
    directives: {},
    reportOnly: false,
  },

  /**
   * CSRF tokens on every state-changing form. Inertia sends the XSRF-TOKEN
   * cookie back as the X-XSRF-TOKEN header. The public API (/api/v1, bearer
   * tokens, no cookies) is exempt, and so are the XHR calls of bull-arena
   * and Temporal UI on the operator host: their handlers accept only
   * same-origin changes (Origin header).
   */
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/api/') ||
      (ctx.request.hostname() === opsHost &&
        (ctx.request.url().startsWith('/queues') || ctx.request.url().startsWith('/temporal'))),
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * CSP, framing, HSTS and nosniff are set for every answer by
   * #middleware/security_headers_middleware (a server middleware: 404s and
   * error pages get them too, which a router middleware cannot give).
   */
  xFrame: {
    enabled: false,
  },

  hsts: {
    enabled: false,
  },

  contentTypeSniffing: {
    enabled: false,
  },
})

export default shieldConfig
