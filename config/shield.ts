import { defineConfig } from '@adonisjs/shield'
import { opsHost } from '#services/ops_host'

const shieldConfig = defineConfig({
  /**
   * Content Security Policy: same-origin everything; Vite's dev server and
   * inline style attributes from Vue are allowed through the @viteUrl and
   * nonce keywords.
   */
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

  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  hsts: {
    enabled: true,
    maxAge: '180 days',
  },

  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
