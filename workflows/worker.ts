import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker as TemporalWorker,
  makeTelemetryFilterString,
} from '@temporalio/worker'
import { Worker as QueueWorker } from 'bullmq'
import type { Logger } from '@adonisjs/core/logger'
import { loadWorkerRegistry } from '#workflows/registry'
import { temporal } from '#workflows/temporal'
import { pluginSchedules } from '#plugins/schedules'
import { queue, queuePrefix, workerConnection } from '#jobs/queues'

let runtimeInstalled = false

/**
 * Quiet Temporal's own logging down to warnings. The test environment may
 * have created the runtime already; then its settings stand.
 */
export function installRuntime() {
  if (runtimeInstalled) return
  runtimeInstalled = true
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    })
  } catch (error) {
    if ((error as Error).name !== 'IllegalStateError') throw error
  }
}

/**
 * The worker process's engine: the Temporal worker (workflows and
 * activities of the core and the plugins) and the BullMQ workers, in one
 * process. `node ace worker` runs it; the test suite runs the same one.
 */
export class WorkerHost {
  #temporalWorker: TemporalWorker | undefined
  #temporalRun: Promise<void> | undefined
  #connection: NativeConnection | undefined
  #queueWorkers: QueueWorker[] = []
  #stopping: Promise<void> | undefined

  constructor(protected logger: Logger) {}

  async start(options: { temporal?: boolean; queues?: boolean } = {}) {
    this.#stopping = undefined
    const registry = await loadWorkerRegistry()

    if (options.queues !== false) {
      for (const job of registry.jobs) {
        const worker = new QueueWorker(job.queue, job.processor, {
          connection: workerConnection(),
          prefix: queuePrefix,
          concurrency: job.concurrency ?? 1,
        })
        worker.on('failed', (failed, error) => {
          this.logger.warn(
            { queue: job.queue, job: failed?.id, attempt: failed?.attemptsMade, err: error },
            'job failed'
          )
        })
        worker.on('error', (error) =>
          this.logger.error({ queue: job.queue, err: error }, 'queue worker error')
        )
        this.#queueWorkers.push(worker)
        if (job.every) {
          // Idempotent: every worker upserts the same scheduler.
          await queue(job.queue).upsertJobScheduler(
            job.every.name,
            { every: job.every.ms },
            { name: job.every.name }
          )
        }
      }
      this.logger.info({ queues: registry.jobs.map((job) => job.queue) }, 'queue workers started')
    }

    if (options.temporal !== false) {
      installRuntime()
      this.#connection = await NativeConnection.connect({ address: temporal.address })
      this.#temporalWorker = await TemporalWorker.create({
        connection: this.#connection,
        namespace: temporal.namespace,
        taskQueue: temporal.taskQueue,
        workflowsPath: registry.workflowsPath,
        activities: registry.activities,
      })
      this.#temporalRun = this.#temporalWorker.run()
      this.#temporalRun.catch((error) =>
        this.logger.fatal({ err: error }, 'temporal worker stopped')
      )
      this.logger.info(
        { taskQueue: temporal.taskQueue, address: temporal.address },
        'temporal worker started'
      )
      // The plugins' schedules as the tenants' choices say (catches up on missed changes).
      pluginSchedules
        .reconcile()
        .then((count) => count && this.logger.info({ count }, 'plugin schedules reconciled'))
        .catch((error) => this.logger.warn({ err: error }, 'plugin schedules not reconciled'))
    }
  }

  /**
   * Stops once however often it is asked (a signal and the app's terminating
   * hook may both ask at the same time): a second call waits for the first.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop()
    return this.#stopping
  }

  async #stop() {
    await Promise.allSettled(this.#queueWorkers.map((worker) => worker.close()))
    this.#queueWorkers = []
    if (this.#temporalWorker) {
      if (this.#temporalWorker.getState() === 'RUNNING') this.#temporalWorker.shutdown()
      await this.#temporalRun?.catch(() => {})
      this.#temporalWorker = undefined
    }
    await this.#connection?.close()
    this.#connection = undefined
  }
}
