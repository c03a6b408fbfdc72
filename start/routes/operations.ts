/**
 * Operations (OPS): the health endpoint (OPS-2), the operator host where
 * platform operators inspect queues and workflows (OPS-1), and what failed
 * in a tenant, for its admins (OPS-1).
 *
 * @spec OPS-1 OPS-2
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { opsHost } from '#services/ops_host'
import { adminRoutes } from '#start/routes/areas'

/**
 * Platform-level, outside every tenant: /health on any host (OPS-2), and
 * the operator host (OPS_HOST, e.g. ops.localhost), which is no tenant's:
 * only these routes answer on it, no tenant page, no tenant login (OPS-1).
 */
export function platformRoutes() {
  router.get('/health', [controllers.operations.Health, 'show']).as('health')

  router
    .group(() => {
      router
        .group(() => {
          router.get('/login', [controllers.operations.OpsSession, 'create']).as('ops.login')
          router.post('/login', [controllers.operations.OpsSession, 'store']).as('ops.login.store')
          router.get('/login/code', [controllers.operations.OpsSession, 'code']).as('ops.code')
          router
            .post('/login/code', [controllers.operations.OpsSession, 'verify'])
            .as('ops.code.verify')
        })
        .use(middleware.ops())
      router
        .group(() => {
          router.get('/', [controllers.operations.OpsDashboard, 'show']).as('ops.dashboard')
          router.post('/logout', [controllers.operations.OpsSession, 'destroy']).as('ops.logout')
          router.any('/queues', [controllers.operations.Queues, 'handle']).as('ops.queues')
          router.any('/queues/*', [controllers.operations.Queues, 'handle']).as('ops.queues.assets')
          router.any('/temporal', [controllers.operations.Temporal, 'proxy']).as('ops.temporal')
          router
            .any('/temporal/*', [controllers.operations.Temporal, 'proxy'])
            .as('ops.temporal.assets')
          router.get('/health', [controllers.operations.Health, 'show']).as('ops.health')
        })
        .use(middleware.ops({ guard: true }))
    })
    .domain(opsHost)
}

/**
 * A tenant's admins see what failed in their own tenant: e-mails not
 * delivered, ZIPs not built; retry an e-mail (OPS-1).
 */
export default function operationsRoutes() {
  adminRoutes(() => {
    router.get('/problems', [controllers.operations.Problems, 'index']).as('admin.problems.index')
    router
      .post('/problems/mails/:id/retry', [controllers.operations.Problems, 'retryMail'])
      .as('admin.problems.retry_mail')
      .where('id', router.matchers.number())
  }, 'viewOperations')
}
