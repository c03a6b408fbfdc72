/** @spec IAM-8 */
import db from '@adonisjs/lucid/services/db'
import Invitation from '#models/invitation'
import Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { createToken } from '#services/tokens'
import { sqlTimestamp } from '#services/sql'
import type { MailOutbox } from '#services/mail_outbox'
import type { InvitationOutcome } from './config.js'

interface InvitationRef {
  tenantId: number
  invitationId: number
}

/**
 * Activities of the invitation workflow. Each is idempotent: a retry after a
 * crash finds the work done and does not send or change anything twice.
 */
export function createInvitationActivities(deps: { outbox: MailOutbox }) {
  return {
    /**
     * Creates the link's token and queues the e-mail, once. A retry re-queues
     * the same delivery (the queue drops the duplicate) instead of minting a
     * second token.
     */
    async sendInvitationEmail(ref: InvitationRef): Promise<'queued' | 'skipped'> {
      return tenantContext.run(ref.tenantId, async () => {
        const key = `invitation.${ref.invitationId}`
        const existing = await deps.outbox.find(key)
        if (existing) {
          await deps.outbox.dispatch(existing)
          return 'queued'
        }

        const delivery = await db.transaction(async (trx) => {
          const invitation = await Invitation.query({ client: trx })
            .where('id', ref.invitationId)
            .preload('user')
            .first()
          if (!invitation || invitation.status !== 'pending') return null

          const tenant = await Tenant.findOrFail(ref.tenantId, { client: trx })
          const token = createToken()
          invitation.tokenHash = token.hash
          await invitation.useTransaction(trx).save()

          const user = invitation.user
          return deps.outbox.record(
            {
              key,
              tenantId: ref.tenantId,
              template: 'invitation',
              to: user.email,
              locale: user.locale ?? tenant.defaultLocale,
              data: {
                firstName: user.firstName,
                activationUrl: tenant.url(`/activate/${token.value}`),
                expiresAt: invitation.expiresAt.toISO(),
              },
            },
            trx
          )
        })
        if (!delivery) return 'skipped'
        await deps.outbox.dispatch(delivery)
        return 'queued'
      })
    },

    /**
     * The validity period passed: a still-pending invitation becomes expired.
     * Returns the row's final status (the activation page may have won).
     */
    async expireInvitation(ref: InvitationRef): Promise<InvitationOutcome> {
      return tenantContext.run(ref.tenantId, async () => {
        await Invitation.query()
          .where('tenant_id', ref.tenantId)
          .where('id', ref.invitationId)
          .where('status', 'pending')
          .update({ status: 'expired', closed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
        const invitation = await Invitation.find(ref.invitationId)
        // A deleted row (the user or tenant was removed) has nothing left to expire.
        if (!invitation || invitation.status === 'pending') return 'expired'
        return invitation.status
      })
    },
  }
}

export type InvitationActivities = ReturnType<typeof createInvitationActivities>
