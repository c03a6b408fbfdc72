import env from '#start/env'

/**
 * BullMQ (short jobs: mail, ZIP files, notifications, maintenance).
 * The Redis connection itself is config/redis.ts.
 *
 * @spec OPS-2
 */
const queueConfig = {
  /** Key prefix of every queue (several installations can share one Redis). */
  prefix: env.get('QUEUE_PREFIX') ?? 'portal',
}

export default queueConfig
