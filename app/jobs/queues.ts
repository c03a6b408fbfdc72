import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq'
import type { DateTime } from 'luxon'
import { redisOptions } from '#config/redis'
import queueConfig from '#config/queue'

/**
 * BullMQ queues of the core. Plugins name theirs `<plugin id>-<name>` (BullMQ refuses `:` in a queue name).
 */
export const CORE_QUEUES = {
  mail: 'mail',
  zip: 'zip',
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const

/** Key prefix of every queue (several installations can share one Redis). */
export const queuePrefix = queueConfig.prefix

/**
 * Connection options for producers: fail fast when Redis is down, so the
 * request that enqueues gets an error instead of hanging.
 */
export function producerConnection(): ConnectionOptions {
  return {
    ...redisOptions,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  }
}

/**
 * Connection options for workers: BullMQ's blocking commands need
 * `maxRetriesPerRequest: null`; a worker waits for Redis to come back.
 */
export function workerConnection(): ConnectionOptions {
  return { ...redisOptions, maxRetriesPerRequest: null }
}

/** Retried with backoff; completed jobs kept a day so their ids still dedupe. */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
}

/**
 * The job id of the work owed to one stored row: the same row always gives
 * the same id (a second dispatch is a no-op while BullMQ keeps the job), and
 * a row of another database gives another one, even with the same numeric
 * id. Completed jobs stay in Redis for a day: without the creation time, a
 * fresh database (a new clone, a wiped `tmp/`) sharing that Redis would find
 * its batch 1 "already done" and never run it.
 */
export function rowJobId(
  kind: string,
  row: { tenantId: number; id: number; createdAt: DateTime }
): string {
  return `${kind}-${row.tenantId}-${row.id}-${row.createdAt.toMillis()}`
}

const queues = new Map<string, Queue>()

/**
 * The shared Queue instance for a name (one Redis connection per queue).
 */
export function queue(name: string): Queue {
  let instance = queues.get(name)
  if (!instance) {
    instance = new Queue(name, {
      connection: producerConnection(),
      prefix: queuePrefix,
      defaultJobOptions,
    })
    instance.on('error', () => {})
    queues.set(name, instance)
  }
  return instance
}

/** Every queue opened in this process (for bull-arena and shutdown). */
export function openQueues(): Queue[] {
  return [...queues.values()]
}

/**
 * Queue instances made by others in this process (bull-arena makes its own):
 * closed with ours, so their Redis connections do not keep the process alive.
 */
const borrowed = new Set<Queue>()

/** A BullMQ Queue class whose instances closeQueues() closes too (hand it to bull-arena). */
export class TrackedQueue extends Queue {
  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args)
    borrowed.add(this)
  }
}

export async function closeQueues() {
  await Promise.allSettled([...queues.values(), ...borrowed].map((instance) => instance.close()))
  queues.clear()
  borrowed.clear()
}
