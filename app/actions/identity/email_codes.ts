import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import EmailCode from '#models/email_code'
import type User from '#models/user'
import { UserFacingException } from '#exceptions/user_facing_exception'
import { sqlTimestamp } from '#services/sql'
import { normalizeCode } from '#services/totp'
import { throttles } from '#services/throttles'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { emailCodeWorkflows } from '#workflows/email_codes/client'
import {
  emailCodeWorkflowId,
  type EmailCodePurpose,
  type SubmitOutcome,
} from '#workflows/email_codes/config'

export type CodeVerdict = SubmitOutcome | { outcome: 'none' } | { outcome: 'malformed' }

/**
 * Sends 6-digit codes to an address and checks what the user types back,
 * through the e-mail code workflow (workflows/email_codes).
 *
 * @spec IAM-2 IAM-3
 */
export class EmailCodes {
  static settings() {
    return config.get<{ ttlSeconds: number; maxAttempts: number }>('identity.emailCode')
  }

  /**
   * A new code to `email` for `purpose`. Earlier codes of the user for the
   * same purpose die (their workflows are told so).
   */
  static async request(user: User, purpose: EmailCodePurpose, email: string): Promise<EmailCode> {
    const { ttlSeconds, maxAttempts } = this.settings()
    try {
      await throttles.emailCodes(user.tenantId, user.id).consume()
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      throw new UserFacingException('auth.email_code.too_many', {
        status: 429,
        code: 'E_TOO_MANY_CODES',
        data: { minutes: Math.max(1, Math.ceil(error.response.availableIn / 60)) },
      })
    }
    const { row, replaced } = await db.transaction(async (trx) => {
      const previous = await EmailCode.query({ client: trx })
        .where('user_id', user.id)
        .where('purpose', purpose)
        .where('status', 'pending')
        .select('id', 'workflow_id')
      if (previous.length) {
        await EmailCode.query({ client: trx })
          .where('tenant_id', user.tenantId)
          .whereIn(
            'id',
            previous.map((code) => code.id)
          )
          .where('status', 'pending')
          .update({ status: 'replaced', updated_at: sqlTimestamp() })
      }
      const created = await EmailCode.create(
        {
          userId: user.id,
          purpose,
          email,
          attempts: 0,
          status: 'pending',
          workflowId: 'pending',
          expiresAt: DateTime.now().plus({ seconds: ttlSeconds }),
        },
        { client: trx }
      )
      created.workflowId = emailCodeWorkflowId(user.tenantId, created.id)
      await created.save()
      return { row: created, replaced: previous.map((code) => code.workflowId) }
    })

    await Promise.all(replaced.map((workflowId) => emailCodeWorkflows.replaced(workflowId)))
    try {
      await emailCodeWorkflows.start({
        tenantId: user.tenantId,
        emailCodeId: row.id,
        ttlMs: ttlSeconds * 1000,
        maxAttempts,
      })
    } catch (error) {
      await EmailCode.query()
        .where('tenant_id', user.tenantId)
        .where('id', row.id)
        .update({ status: 'expired', updated_at: sqlTimestamp() })
      throw new UserFacingException('errors.service_unavailable', {
        status: 503,
        code: 'E_WORKFLOW_UNAVAILABLE',
        cause: error,
      })
    }
    return row
  }

  /** Kills a pending code (the user wants to use another address). */
  static async cancel(row: EmailCode): Promise<void> {
    await EmailCode.query()
      .where('tenant_id', row.tenantId)
      .where('id', row.id)
      .where('status', 'pending')
      .update({ status: 'replaced', updated_at: sqlTimestamp() })
    await emailCodeWorkflows.replaced(row.workflowId)
  }

  /** The user's latest code for a purpose (whatever its state), or null. */
  static latest(user: User, purpose: EmailCodePurpose): Promise<EmailCode | null> {
    return EmailCode.query()
      .where('user_id', user.id)
      .where('purpose', purpose)
      .orderBy('id', 'desc')
      .first()
  }

  /**
   * Checks a typed code against the user's latest code for the purpose.
   */
  static async submit(user: User, purpose: EmailCodePurpose, input: unknown): Promise<CodeVerdict> {
    const code = normalizeCode(input)
    if (!code) return { outcome: 'malformed' }
    const row = await this.latest(user, purpose)
    if (!row || row.status === 'verified') return { outcome: 'none' }
    if (row.status !== 'pending') return { outcome: row.status }
    if (row.expiresAt <= DateTime.now()) return { outcome: 'expired' }

    const verdict = await emailCodeWorkflows.submit(row.workflowId, code)
    if (verdict) return verdict
    await row.refresh()
    if (row.status === 'pending' || row.status === 'verified') return { outcome: 'expired' }
    return { outcome: row.status }
  }
}
