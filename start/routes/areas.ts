/**
 * The core's route areas: one function per kind of visitor, each a route
 * group carrying the middleware that says who may enter (the plugins get the
 * same areas, see app/plugins/routes.ts). The domain files of start/routes/
 * define their routes inside these; start/routes.ts wraps them all in the
 * tenant group (`tenant`, `locale`), so every middleware list below comes
 * after those two. tests/functional/access checks each route against them.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/** Visitors who are not logged in (a logged-in user is sent home). */
export function guestRoutes(define: () => void) {
  router.group(define).use(middleware.guest())
}

/** Logged-in users of this tenant whose profile is complete. */
export function portalRoutes(define: () => void) {
  router.group(define).use([middleware.auth(), middleware.profileComplete()])
}

/** The user's own account: logged in, reachable before the profile is complete. */
export function accountRoutes(define: () => void) {
  router.group(define).use(middleware.auth())
}

/** What an admin route may additionally require (abilities of app/abilities/main.ts). */
export type AdminAbility = 'viewOperations' | 'manageTenant'

/**
 * The admin area under /admin: the tenant's staff and admins; with an
 * ability, only those who hold it (operations, the tenant's configuration).
 */
export function adminRoutes(define: () => void, ability?: AdminAbility) {
  router
    .group(() => {
      if (ability) router.group(define).use(middleware.can({ ability }))
      else define()
    })
    .prefix('/admin')
    .use([middleware.auth(), middleware.can({ ability: 'accessAdminArea' })])
}

/** The publishing API under /api/v1: bearer tokens of the tenant's API clients. */
export function apiRoutes(define: () => void) {
  router.group(define).prefix('/api/v1').use(middleware.apiAuth())
}
