import type { PluginRoutesContext } from '#core/plugins'

const MoveInController = () => import('../app/controllers/move_in_controller.js')
const MoveRequestsController = () => import('../app/controllers/move_requests_controller.js')
const MoveOutController = () => import('../app/controllers/move_out_controller.js')
const ReadingsApiController = () => import('../app/controllers/readings_api_controller.js')
const ConsumptionController = () => import('../app/controllers/consumption_controller.js')

/**
 * The utility plugin's routes (UTIL-1 to UTIL-8), by area. Visitors: the
 * move-in wizard, resumed by the browser's cookie or the e-mailed link.
 * Customers: the move-out. Staff: the move requests, with the permission
 * `utility.moves:manage`.
 *
 * @spec UTIL-2 UTIL-3
 */
export default function utilityRoutes({
  router,
  publicRoutes,
  portalRoutes,
  adminRoutes,
  apiRoutes,
  can,
}: PluginRoutesContext) {
  publicRoutes(() => {
    router.get('/move-in', [MoveInController, 'start']).as('move_in.start')
    router.post('/move-in', [MoveInController, 'begin']).as('move_in.begin')
    router.get('/move-in/continue', [MoveInController, 'continue']).as('move_in.continue')
    router.get('/move-in/resume/:token', [MoveInController, 'resume']).as('move_in.resume')
    router.get('/move-in/step/:step', [MoveInController, 'show']).as('move_in.step')
    router.post('/move-in/step/:step', [MoveInController, 'save']).as('move_in.save')
    router.post('/move-in/confirm', [MoveInController, 'confirm']).as('move_in.confirm')
    router.get('/move-in/done', [MoveInController, 'done']).as('move_in.done')
  })

  // Customers: leaving a premise of one of their contracts (UTIL-3), their consumption (UTIL-5).
  portalRoutes(() => {
    router.get('/move-out', [MoveOutController, 'show']).as('move_out.show')
    router.post('/move-out', [MoveOutController, 'store']).as('move_out.store')
    router.get('/consumption', [ConsumptionController, 'show']).as('consumption.show')
    router.get('/consumption.csv', [ConsumptionController, 'csv']).as('consumption.csv')
  })

  // Staff: the move requests (UTIL-2, UTIL-3).
  adminRoutes(() => {
    router
      .group(() => {
        router.get('/moves', [MoveRequestsController, 'index']).as('moves.index')
        router.get('/moves/:id', [MoveRequestsController, 'show']).as('moves.show')
        router
          .get('/moves/:id/attachments/:index', [MoveRequestsController, 'attachment'])
          .as('moves.attachment')
        router.post('/moves/:id/tasks/:task', [MoveRequestsController, 'task']).as('moves.task')
        router.post('/moves/:id/wait', [MoveRequestsController, 'wait']).as('moves.wait')
        router.post('/moves/:id/reject', [MoveRequestsController, 'reject']).as('moves.reject')
        router.post('/moves/:id/process', [MoveRequestsController, 'process']).as('moves.process')
      })
      .use(can('utility.moves:manage'))
  })

  // API clients of the tenant: meter readings (UTIL-5).
  apiRoutes(() => {
    router.post('/readings', [ReadingsApiController, 'store']).as('readings.store')
  })
}
