/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every route but /health belongs to a tenant: the `tenant` middleware finds
| it from the Host header (404 for an unknown host) and scopes the request.
| Each route group states who may enter; tests/functional/access_rules
| checks every route of this table against those rules.
|
*/

import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { loadPluginRoutes, registerPluginRoutes } from '#plugins/routes'

const pluginRoutes = await loadPluginRoutes()

/**
 * Platform-level: answers on any host.
 */
router.get('/health', [controllers.Health, 'show']).as('health')

router
  .group(() => {
    /**
     * Guests: login, forgot password.
     */
    router
      .group(() => {
        router.get('/login', [controllers.Session, 'create']).as('session.create')
        router.post('/login', [controllers.Session, 'store']).as('session.store')
        router.get('/forgot-password', [controllers.PasswordReset, 'create']).as('password.forgot')
        router.post('/forgot-password', [controllers.PasswordReset, 'store']).as('password.email')
      })
      .use(middleware.guest())

    /**
     * Anybody holding a link from an e-mail (logged in or not).
     */
    router.get('/reset-password/:token', [controllers.PasswordReset, 'edit']).as('password.reset')
    router
      .post('/reset-password/:token', [controllers.PasswordReset, 'update'])
      .as('password.update')
    router.get('/activate/:token', [controllers.Activation, 'show']).as('activation.show')
    router.post('/activate/:token', [controllers.Activation, 'store']).as('activation.store')
    router.post('/locale', [controllers.Locale, 'update']).as('locale.update')

    /**
     * Logged-in users of this tenant.
     */
    router
      .group(() => {
        router.get('/', [controllers.Home, 'show']).as('portal.home')
        router.post('/logout', [controllers.Session, 'destroy']).as('session.destroy')
      })
      .use(middleware.auth())

    /**
     * The admin area: the tenant's people; operations for admins only.
     */
    router
      .group(() => {
        router.get('/', [controllers.admin.Dashboard, 'show']).as('admin.dashboard')
        router
          .get('/invitations', [controllers.admin.Invitations, 'index'])
          .as('admin.invitations.index')
        router
          .post('/invitations', [controllers.admin.Invitations, 'store'])
          .as('admin.invitations.store')
        router
          .group(() => {
            router.any('/queues', [controllers.admin.Queues, 'handle']).as('admin.queues')
            router.any('/queues/*', [controllers.admin.Queues, 'handle']).as('admin.queues.assets')
          })
          .use(middleware.can({ ability: 'viewOperations' }))
      })
      .prefix('/admin')
      .use([middleware.auth(), middleware.can({ ability: 'accessAdminArea' })])

    /**
     * Routes of the plugins, each closed (404) to tenants that did not
     * enable the plugin.
     */
    registerPluginRoutes(pluginRoutes)
  })
  .use([middleware.tenant(), middleware.locale()])
