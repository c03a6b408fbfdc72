import { defineConfig } from '@adonisjs/shield'

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
   * tokens, no cookies) and bull-arena's own XHR calls are exempt; the arena
   * handler checks the Origin header itself.
   */
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/api/') || ctx.request.url().startsWith('/admin/queues'),
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
