import env from '#start/env'

/**
 * The Temporal cluster the web processes and workers talk to. Workflows of
 * the core and of the plugins run on one task queue: it is versioned, so a
 * release with incompatible workflow code can run beside old executions.
 *
 * @spec OPS-2
 */
export const CORE_TASK_QUEUE = 'portal-core-v1'

const temporalConfig = {
  /** host:port of the frontend service (gRPC). */
  address: env.get('TEMPORAL_ADDRESS'),
  namespace: env.get('TEMPORAL_NAMESPACE'),
  /** The one task queue (TEMPORAL_TASK_QUEUE overrides `portal-core-v1`). */
  taskQueue: env.get('TEMPORAL_TASK_QUEUE') ?? CORE_TASK_QUEUE,
  /**
   * Where the web process reaches Temporal UI, its public path included;
   * operators see it through the operator host's /temporal/.
   */
  uiUrl: new URL(env.get('TEMPORAL_UI_URL')),
}

export default temporalConfig
