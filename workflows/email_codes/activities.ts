/** @spec IAM-2 IAM-3 */
import { DateTime } from 'luxon'
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import EmailCode from '#models/email_code'
import Tenant from '#models/tenant'
import User from '#models/user'
import { appKey } from '#config/app'
import { tenantContext } from '#tenancy/tenant_context'
import { sqlTimestamp } from '#services/sql'
import type { MailOutbox } from '#services/mail_outbox'
import type { EmailCodeState } from './config.js'

interface EmailCodeRef {
  tenantId: number
  emailCodeId: number
}

/** HMAC of a code, bound to its row (the same digits of another row do not match). */
function codeHash(emailCodeId: number, code: string): string {
  return createHmac('sha256', appKey.release())
    .update(`email-code:${emailCodeId}:${code}`)
    .digest('hex')
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Activities of the e-mail code workflow; each is safe to retry.
 */
export function createEmailCodeActivities(deps: { outbox: MailOutbox }) {
  return {
    /**
     * Draws the code, keeps its HMAC and queues the e-mail, in one
     * transaction and once: a retry re-dispatches the recorded delivery.
     */
    async sendEmailCode(ref: EmailCodeRef): Promise<'queued' | 'skipped'> {
      return tenantContext.run(ref.tenantId, async () => {
        const key = `email-code.${ref.emailCodeId}`
        const existing = await deps.outbox.find(key)
        if (existing) {
          await deps.outbox.dispatch(existing)
          return 'queued'
        }
        const delivery = await db.transaction(async (trx) => {
          const row = await EmailCode.query({ client: trx })
            .where('id', ref.emailCodeId)
            .preload('user')
            .first()
          if (!row || row.status !== 'pending') return null
          const tenant = await Tenant.findOrFail(ref.tenantId, { client: trx })
          const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
          row.codeHash = codeHash(row.id, code)
          await row.useTransaction(trx).save()
          return deps.outbox.record(
            {
              key,
              tenantId: ref.tenantId,
              template: 'email_code',
              to: row.email,
              locale: row.user.locale ?? tenant.defaultLocale,
              data: {
                firstName: row.user.firstName,
                code,
                purpose: row.purpose,
                validMinutes: Math.round(row.expiresAt.diffNow('minutes').minutes),
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
     * Compares a submitted code and, when it matches, does what the code
     * proves, in the same transaction as marking it used: the recovery
     * address becomes verified, or (lost device) the old authenticator is
     * removed so the user can enrol a new one.
     */
    async checkEmailCode(ref: EmailCodeRef, code: string): Promise<'verified' | 'wrong'> {
      return tenantContext.run(ref.tenantId, () =>
        db.transaction(async (trx) => {
          const row = await EmailCode.query({ client: trx })
            .where('id', ref.emailCodeId)
            .forUpdate()
            .first()
          if (!row || row.status !== 'pending' || !row.codeHash) return 'wrong'
          row.attempts += 1
          if (!sameHash(row.codeHash, codeHash(row.id, code))) {
            await row.useTransaction(trx).save()
            return 'wrong'
          }
          row.merge({ status: 'verified', verifiedAt: DateTime.now() })
          await row.useTransaction(trx).save()

          const user = await User.findOrFail(row.userId, { client: trx })
          if (row.purpose === 'recovery_email') {
            user.recoveryEmail = row.email
            user.recoveryEmailVerifiedAt = row.verifiedAt
          } else {
            user.totpSecret = null
            user.totpEnabledAt = null
            user.totpLastStep = null
          }
          await user.useTransaction(trx).save()
          return 'verified'
        })
      )
    },

    /** Ends a code that was not verified (locked, expired or replaced). */
    async closeEmailCode(ref: EmailCodeRef, state: EmailCodeState): Promise<void> {
      const status = state === 'locked' || state === 'replaced' ? state : 'expired'
      await tenantContext.run(ref.tenantId, () =>
        EmailCode.query()
          .where('tenant_id', ref.tenantId)
          .where('id', ref.emailCodeId)
          .where('status', 'pending')
          .update({ status, updated_at: sqlTimestamp() })
      )
    },
  }
}

export type EmailCodeActivities = ReturnType<typeof createEmailCodeActivities>
