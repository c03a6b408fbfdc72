import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import PasswordResetToken from '#models/password_reset_token'
import User from '#models/user'
import { createToken, hashToken, looksLikeToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'
import { MailOutbox } from '#services/mail_outbox'
import { activityLog } from '#services/activity_log'
import { throttles } from '#services/throttles'
import { userSessions } from '#actions/identity/user_sessions'
import { CORE_QUEUES, queue } from '#jobs/queues'
import Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'

/** The `password-reset` job of the notifications queue: the typed address, encrypted. */
export interface PasswordResetJobData {
  tenantId: number
  address: string
}

/** How long a "choose a new password" link works. */
export const RESET_LINK_MINUTES = 60

/**
 * IAM-7: forgot password. The answer to the request never reveals whether
 * the address has an account; the link works once and expires.
 *
 * @spec IAM-7
 */
export class PasswordReset {
  constructor(
    protected tenant: Tenant,
    protected outbox = new MailOutbox()
  ) {}

  /**
   * Sends a reset link to each active account whose main address, or
   * verified backup address (IAM-6), is `email`, in the account's language
   * and to the address typed. Does nothing (silently) for any other address.
   */
  async request(email: string): Promise<void> {
    const address = User.normalizeEmail(email)
    const users = await User.query()
      .where('status', 'active')
      .where((query) =>
        query
          .where('email', address)
          .orWhere((backup) =>
            backup.where('recovery_email', address).whereNotNull('recovery_email_verified_at')
          )
      )
      .orderBy('id')
      .limit(10)
    for (const user of users) await this.sendLink(user, address)
  }

  /**
   * The form's answer does not wait for the lookup or the mail: the request
   * is queued as it is, so a known and an unknown address take the same time
   * (the address travels encrypted; Redis holds no readable address).
   */
  static async queueRequest(tenant: Tenant, email: string): Promise<void> {
    await queue(CORE_QUEUES.notifications).add(
      'password-reset',
      {
        tenantId: tenant.id,
        address: encryption.encrypt(User.normalizeEmail(email)),
      } satisfies PasswordResetJobData,
      { jobId: `password-reset-${randomUUID()}` }
    )
  }

  /** The queued request, in the worker. */
  static async runQueued(data: PasswordResetJobData): Promise<'done' | 'skipped'> {
    const address = encryption.decrypt<string>(data.address)
    if (!address) return 'skipped'
    return tenantContext.run(data.tenantId, async () => {
      const tenant = await Tenant.find(data.tenantId)
      if (!tenant) return 'skipped'
      await new PasswordReset(tenant).request(address)
      return 'done'
    })
  }

  /** A reset link to the account's own address (staff asked for it, IAM-10). */
  async sendTo(user: User): Promise<void> {
    await this.sendLink(user, user.email)
  }

  /** A new link voids the account's older ones: only the newest works. */
  protected async sendLink(user: User, to: string): Promise<void> {
    await PasswordResetToken.query()
      .where('tenant_id', this.tenant.id)
      .where('user_id', user.id)
      .whereNull('used_at')
      .update({ used_at: sqlTimestamp(), updated_at: sqlTimestamp() })
    const token = createToken()
    const row = await PasswordResetToken.create({
      userId: user.id,
      tokenHash: token.hash,
      expiresAt: DateTime.now().plus({ minutes: RESET_LINK_MINUTES }),
    })
    await this.outbox.send({
      key: `password-reset.${row.id}`,
      tenantId: this.tenant.id,
      template: 'password_reset',
      to,
      locale: user.locale ?? this.tenant.defaultLocale,
      data: {
        firstName: user.firstName,
        account: user.email,
        resetUrl: this.tenant.url(`/reset-password/${token.value}`),
        validMinutes: RESET_LINK_MINUTES,
      },
    })
  }

  /**
   * The unused, unexpired token row for a link, or null.
   */
  static async find(token: unknown): Promise<PasswordResetToken | null> {
    if (!looksLikeToken(token)) return null
    return PasswordResetToken.query()
      .where('token_hash', hashToken(token))
      .whereNull('used_at')
      .where('expires_at', '>', sqlTimestamp())
      .first()
  }

  /**
   * Sets the new password if the link is still good; the link (and every
   * other open link of the user) is used up. False when it was not good.
   */
  async reset(token: string, password: string): Promise<boolean> {
    const row = await PasswordReset.find(token)
    if (!row) return false

    return db.transaction(async (trx) => {
      const claimed = await PasswordResetToken.query({ client: trx })
        .where('tenant_id', this.tenant.id)
        .where('id', row.id)
        .whereNull('used_at')
        .update({ used_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      if (affectedRows(claimed) !== 1) return false
      await PasswordResetToken.query({ client: trx })
        .where('tenant_id', this.tenant.id)
        .where('user_id', row.userId)
        .whereNull('used_at')
        .update({ used_at: sqlTimestamp(), updated_at: sqlTimestamp() })

      const user = await User.query({ client: trx })
        .where('id', row.userId)
        .where('status', 'active')
        .first()
      if (!user) return false
      await user.setPassword(password)
      await user.save()
      // Every open session of the account ends (somebody else may hold one).
      await userSessions.endAll(user, 'password_reset', { client: trx })
      // The mailbox owner chose a new password: a lock from wrong passwords ends.
      await throttles.loginAccount(user.tenantId, user.email).clearAccount()
      await activityLog.record({ type: 'password.reset', actor: user }, trx)
      return true
    })
  }
}
