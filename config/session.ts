import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/**
 * Sessions live in an encrypted, signed cookie: nothing to share between web
 * replicas. Each tenant host gets its own cookie (no Domain attribute), so a
 * session of tenant A is never sent to tenant B.
 */
const sessionConfig = defineConfig({
  enabled: true,
  /**
   * ASVS 3.4.4: in production (HTTPS) the `__Host-` prefix makes browsers
   * refuse the cookie unless it is Secure, host-only and for path /, so no
   * sibling host can set or shadow it. Plain-HTTP development cannot use it.
   */
  cookieName: app.inProduction ? '__Host-portal-session' : 'portal-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    cookie: stores.cookie(),
  },
})

export default sessionConfig
