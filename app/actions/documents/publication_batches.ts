import config from '@adonisjs/core/services/config'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PublicationBatch from '#models/publication_batch'
import { UserFacingException } from '#exceptions/user_facing_exception'
import { CORE_QUEUES, queue, rowJobId } from '#jobs/queues'
import { sqlTimestamp } from '#services/sql'

export interface NotificationJobData {
  tenantId: number
  batchId: number
}

/**
 * DOC-6 / LEASE-5: publication batches. A back office names its run in the
 * `batch` field of each publication and closes it when done (or the batch
 * closes itself after `documents.batchIdleMinutes` without a publication);
 * a publication without a batch is a batch of its own. Closing queues the
 * fan-out that sends each recipient one e-mail.
 *
 * @spec DOC-6 LEASE-5
 */
export const publicationBatches = {
  /** The open batch of this key, created on first use; a closed one is refused. */
  async open(key: string | null, source: PublicationBatch['source']): Promise<PublicationBatch> {
    if (key) {
      const existing = await PublicationBatch.findBy('key', key)
      if (existing) {
        if (existing.status !== 'open') throw this.closedError(key)
        return existing
      }
    }
    let batch: PublicationBatch
    try {
      batch = await PublicationBatch.create({ key, source, status: 'open' })
    } catch (error) {
      // Two first publications of one batch at the same instant: both use the one row.
      const existing = key ? await PublicationBatch.findBy('key', key) : null
      if (!existing) throw error
      if (existing.status !== 'open') throw this.closedError(key!)
      return existing
    }
    if (key) await this.scheduleIdleCheck(batch)
    return batch
  },

  closedError(key: string) {
    return new UserFacingException('documents.batch.closed', {
      status: 409,
      code: 'E_BATCH_CLOSED',
      data: { batch: key },
    })
  },

  /** Counts a document into its batch (in the publication's transaction). */
  async added(batchId: number, trx: TransactionClientContract): Promise<void> {
    await trx
      .from('publication_batches')
      .where('id', batchId)
      .increment('documents', 1)
      .update({ updated_at: sqlTimestamp() })
  },

  /**
   * Closes the batch (once) and queues its notifications. Closing a batch
   * that is already closed queues nothing new: the job id is the batch's.
   */
  async close(batch: PublicationBatch): Promise<PublicationBatch> {
    await PublicationBatch.query()
      .where('tenant_id', batch.tenantId)
      .where('id', batch.id)
      .where('status', 'open')
      .update({ status: 'closed', closed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
    await batch.refresh()
    if (batch.status === 'closed') {
      await queue(CORE_QUEUES.notifications).add(
        'notify',
        { tenantId: batch.tenantId, batchId: batch.id } satisfies NotificationJobData,
        { jobId: rowJobId('notify-batch', batch) }
      )
    }
    return batch
  },

  /** A named batch closes itself once nothing was published to it for a while. */
  async scheduleIdleCheck(batch: PublicationBatch, delayMs?: number): Promise<void> {
    const idle = config.get<number>('documents.batchIdleMinutes') * 60_000
    await queue(CORE_QUEUES.notifications).add(
      'close-idle',
      { tenantId: batch.tenantId, batchId: batch.id } satisfies NotificationJobData,
      { delay: delayMs ?? idle, jobId: `close-idle-${batch.tenantId}-${batch.id}-${Date.now()}` }
    )
  },

  /** The idle check: close, or look again when the last publication is old enough. */
  async closeIfIdle(batch: PublicationBatch): Promise<void> {
    if (batch.status !== 'open') return
    const idle = config.get<number>('documents.batchIdleMinutes') * 60_000
    const quietFor = Date.now() - batch.updatedAt.toMillis()
    if (quietFor >= idle) {
      await this.close(batch)
      return
    }
    await this.scheduleIdleCheck(batch, idle - quietFor)
  },
}
