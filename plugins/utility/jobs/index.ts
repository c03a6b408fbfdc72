import type { Job } from 'bullmq'
import { rollUp } from '../app/readings/rollups.js'

/** The queue of the rollup job. */
export const ROLLUP_QUEUE = 'utility-rollups'

export interface RollupJob {
  tenantId: number
  meterId: number
  /** The local day (ISO) from which the meter's rollups are recomputed. */
  from: string
}

/**
 * The utility plugin's BullMQ jobs (entry.jobs): recomputing a meter's
 * rollups after readings arrived. Idempotent; retried with backoff.
 *
 * @spec UTIL-5
 */
export default [
  {
    queue: ROLLUP_QUEUE,
    concurrency: 4,
    processor: async (job: Job<RollupJob>) => {
      const days = await rollUp(job.data.tenantId, job.data.meterId, job.data.from)
      return { days }
    },
  },
]
