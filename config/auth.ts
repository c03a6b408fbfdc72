import { defineConfig } from '@adonisjs/auth'
import { sessionUserProvider } from '@adonisjs/auth/session'
import { portalSessionGuard } from '#services/portal_session_guard'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/**
 * Portal users log in with a session that the server can end: Adonis'
 * session guard plus a row per login (#services/portal_session_guard). The
 * user provider finds users by id; the tenant check (a session is only valid
 * on its own tenant's host) and the session's limits live in the auth
 * middleware.
 */
const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: portalSessionGuard({
      provider: sessionUserProvider({
        model: () => import('#models/user'),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
