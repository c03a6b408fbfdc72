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
  cookieName: 'portal-session',
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
