import type { HttpContext } from '@adonisjs/core/http'
import { randomUUID } from 'node:crypto'
import MailDelivery from '#models/mail_delivery'
import Download from '#models/download'
import User from '#models/user'
import { MailOutbox } from '#services/mail_outbox'
import { activityLog } from '#services/activity_log'
import { NotFoundException } from '#exceptions/not_found_exception'
import { isMailTemplate } from '#mails/templates'
import FailedMailTransformer from '#transformers/operations/failed_mail_transformer'
import FailedZipTransformer from '#transformers/operations/failed_zip_transformer'

/**
 * OPS-1 for a tenant's admins: what failed in their own tenant (e-mails
 * that could not be delivered after every attempt, ZIPs that could not be
 * built), read from the database and filtered by tenant, with a retry for
 * e-mails. The queues of every tenant are the platform operators' (the
 * operator host), not theirs.
 *
 * @spec OPS-1
 */
export default class ProblemsController {
  async index({ inertia, tenant, i18n }: HttpContext) {
    const [mails, zips] = await Promise.all([
      // Deliveries carry their tenant but are not tenant-scoped (platform e-mails have none).
      MailDelivery.query()
        .where('tenant_id', tenant.id)
        .where('status', 'failed')
        .orderBy('updated_at', 'desc')
        .limit(100)
        .select('id', 'template', 'recipient', 'attempts', 'last_error', 'updated_at'),
      Download.query()
        .where('status', 'failed')
        .orderBy('updated_at', 'desc')
        .limit(100)
        .select('id', 'user_id', 'total', 'error', 'updated_at'),
    ])
    const userIds = [...new Set(zips.map((row) => row.userId))]
    const owners = userIds.length
      ? await User.query().whereIn('id', userIds).select('id', 'email')
      : []
    return inertia.render('admin/problems', {
      mails: FailedMailTransformer.transform(mails, i18n),
      zips: FailedZipTransformer.transform(
        zips,
        new Map(owners.map((owner) => [owner.id, owner.email]))
      ),
    })
  }

  /** Sends a failed e-mail again, as a new job (the failed one keeps its id for a week). */
  async retryMail({ params, response, session, i18n, auth, request, tenant }: HttpContext) {
    const delivery = await MailDelivery.query()
      .where('tenant_id', tenant.id)
      .where('id', Number(params.id) || 0)
      .where('status', 'failed')
      .first()
    if (!delivery || !isMailTemplate(delivery.template)) throw new NotFoundException()
    delivery.merge({ status: 'queued', attempts: 0, jobId: randomUUID() })
    await delivery.save()
    await new MailOutbox().dispatch(delivery)
    await activityLog.record({
      type: 'mail.retried',
      actor: auth.user!,
      ip: request.ip(),
      details: { recipient: delivery.recipient, template: delivery.template },
    })
    session.flash('success', i18n.t('admin.problems.retried', { email: delivery.recipient }))
    return response.redirect().toRoute('admin.problems.index')
  }
}
