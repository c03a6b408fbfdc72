/** @spec DOC-6 IAM-8 */
import type { Job } from 'bullmq'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Invitation from '#models/invitation'
import PublicationBatch from '#models/publication_batch'
import Tenant from '#models/tenant'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { MailOutbox } from '#services/mail_outbox'
import { createToken } from '#services/tokens'
import { sqlTimestamp } from '#services/sql'
import {
  publicationBatches,
  type NotificationJobData,
} from '#actions/documents/publication_batches'
import { invitationWorkflows } from '#workflows/invitations/client'
import { invitationWorkflowId } from '#workflows/invitations/config'
import { notifyUploadJob, type UploadJobData } from '#jobs/notify_upload_job'
import { inParallel } from '#services/concurrency'
import { PasswordReset, type PasswordResetJobData } from '#actions/identity/password_reset'

/** Recipients handled per transaction. */
const CHUNK = 200
/** Transactions (chunks of recipients) at the same time. */
const PARALLEL_CHUNKS = 4

/**
 * Who is told about which document of the batch: the main contact and the
 * shared users of a document's customer number when it is open to that
 * number, and whoever its grants let read it (a customer's group: its main
 * contacts). Blocked accounts and staff are left out.
 */
function recipientsQuery(tenantId: number, batchId: number) {
  const inBatch = (query: any) => query.where('d.tenant_id', tenantId).where('d.batch_id', batchId)
  const byMain = inBatch(
    db
      .from('documents as d')
      .join('customer_numbers as cn', 'cn.id', 'd.customer_number_id')
      .where('d.audience', 'customer_number')
      .whereNotNull('cn.main_contact_id')
      .select('cn.main_contact_id as user_id', 'd.id as document_id')
  )
  const byShare = inBatch(
    db
      .from('documents as d')
      .join('customer_number_shares as s', 's.customer_number_id', 'd.customer_number_id')
      .where('d.audience', 'customer_number')
      .select('s.user_id as user_id', 'd.id as document_id')
  )
  const byUserGrant = inBatch(
    db
      .from('documents as d')
      .join('document_grants as g', 'g.document_id', 'd.id')
      .where('g.subject_type', 'user')
      .where('g.can_read', true)
      .select('g.subject_id as user_id', 'd.id as document_id')
  )
  const byCustomerGrant = inBatch(
    db
      .from('documents as d')
      .join('document_grants as g', 'g.document_id', 'd.id')
      .join('customer_numbers as gn', 'gn.customer_id', 'g.subject_id')
      .where('g.subject_type', 'customer')
      .where('g.can_read', true)
      .whereNotNull('gn.main_contact_id')
      .select('gn.main_contact_id as user_id', 'd.id as document_id')
  )
  return db
    .from(byMain.union([byShare, byUserGrant, byCustomerGrant]).as('r'))
    .join('users as u', 'u.id', 'r.user_id')
    .where('u.role', 'customer')
    .whereNot('u.status', 'blocked')
    .select('r.user_id', 'r.document_id')
    .orderBy('r.user_id')
    .orderBy('r.document_id')
}

/**
 * DOC-6 / IAM-8: one e-mail per recipient per batch, listing its new
 * documents (link or attachment per customer number), in the recipient's
 * language; an account that is not active yet gets a fresh invitation link
 * in the same e-mail. A notification row per (batch, recipient) and the
 * outbox key make a retried job send nothing twice.
 */
export async function notifyBatch(data: NotificationJobData, outbox = new MailOutbox()) {
  return tenantContext.run(data.tenantId, async () => {
    const batch = await PublicationBatch.find(data.batchId)
    if (!batch || batch.status === 'notified') return 'skipped'
    const tenant = await Tenant.findOrFail(data.tenantId)
    const rows = await recipientsQuery(tenant.id, batch.id)

    const byUser = new Map<number, number[]>()
    for (const row of rows) {
      const userId = Number(row.user_id)
      const list = byUser.get(userId) ?? []
      list.push(Number(row.document_id))
      byUser.set(userId, list)
    }
    const userIds = [...byUser.keys()]
    const limit = config.get<number>('documents.notificationListLimit')

    // Chunks of recipients are independent (one notification row per recipient and batch): a
    // few transactions run at the same time.
    const chunks: number[][] = []
    for (let start = 0; start < userIds.length; start += CHUNK) {
      chunks.push(userIds.slice(start, start + CHUNK))
    }
    await inParallel(chunks, PARALLEL_CHUNKS, async (chunk) => {
      const invitations: { id: number; workflowId: string }[] = []
      const deliveries = await db.transaction(async (trx) => {
        const users = await User.query({ client: trx }).whereIn('id', chunk)
        const already = await trx
          .from('document_notifications')
          .where('batch_id', batch.id)
          .whereIn('user_id', chunk)
          .select('user_id')
        const done = new Set(already.map((row) => Number(row.user_id)))
        const recorded = []
        const notifications: Record<string, unknown>[] = []
        for (const user of users) {
          if (done.has(user.id)) continue
          const documentIds = byUser.get(user.id)!
          let activationUrl: string | null = null
          if (user.status === 'invited') {
            const token = createToken()
            const invitation = await Invitation.create(
              {
                userId: user.id,
                status: 'pending',
                workflowId: 'pending',
                tokenHash: token.hash,
                expiresAt: DateTime.now().plus({ seconds: tenant.invitationTtlSeconds }),
              },
              { client: trx }
            )
            invitation.workflowId = invitationWorkflowId(tenant.id, invitation.id)
            await invitation.save()
            invitations.push({ id: invitation.id, workflowId: invitation.workflowId })
            activationUrl = tenant.url(`/activate/${token.value}`)
          }
          const delivery = await outbox.record(
            {
              key: `documents.batch${batch.id}.user${user.id}`,
              tenantId: tenant.id,
              template: 'documents_published',
              to: user.email,
              locale: user.locale ?? tenant.defaultLocale,
              data: {
                firstName: user.firstName,
                documentIds: documentIds.slice(0, limit),
                total: documentIds.length,
                listUrl: tenant.url('/documents'),
                activationUrl,
              },
            },
            trx
          )
          notifications.push({
            tenant_id: tenant.id,
            batch_id: batch.id,
            user_id: user.id,
            documents: documentIds.length,
            mail_delivery_id: delivery.id,
            created_at: sqlTimestamp(),
          })
          recorded.push(delivery)
        }
        // The chunk's notification rows in one statement, in the same transaction.
        if (notifications.length) {
          await trx.insertQuery().table('document_notifications').multiInsert(notifications)
        }
        return recorded
      })
      // The earlier invitations of these people stop working: the newest link counts.
      for (const invitation of invitations) {
        await voidEarlierInvitations(tenant.id, invitation.id)
        await invitationWorkflows.start({
          tenantId: tenant.id,
          invitationId: invitation.id,
          ttlMs: tenant.invitationTtlSeconds * 1000,
          emailIncluded: true,
        })
      }
      // Queued together: the adds go to Redis one after the other without waiting for each answer.
      await Promise.all(deliveries.map((delivery) => outbox.dispatch(delivery)))
    })

    await PublicationBatch.query().where('tenant_id', tenant.id).where('id', batch.id).update({
      status: 'notified',
      recipients: userIds.length,
      notified_at: sqlTimestamp(),
      updated_at: sqlTimestamp(),
    })
    logger.info({ batch: batch.id, recipients: userIds.length }, 'publication batch notified')
    return 'notified'
  })
}

async function voidEarlierInvitations(tenantId: number, invitationId: number) {
  const invitation = await Invitation.findOrFail(invitationId)
  const earlier = await Invitation.query()
    .where('user_id', invitation.userId)
    .where('status', 'pending')
    .whereNot('id', invitation.id)
  for (const row of earlier) {
    await Invitation.query()
      .where('tenant_id', tenantId)
      .where('id', row.id)
      .where('status', 'pending')
      .update({ status: 'voided', closed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
    await invitationWorkflows.voided(row.workflowId)
  }
}

/** The processor of the notifications queue. */
export async function notificationsJob(job: Job) {
  if (job.name === 'upload') return notifyUploadJob(job.data as UploadJobData)
  if (job.name === 'password-reset')
    return PasswordReset.runQueued(job.data as PasswordResetJobData)
  const data = job.data as NotificationJobData
  if (job.name === 'close-idle') {
    return tenantContext.run(data.tenantId, async () => {
      const batch = await PublicationBatch.find(data.batchId)
      if (batch) await publicationBatches.closeIfIdle(batch)
      return 'checked'
    })
  }
  return notifyBatch(data)
}
