import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { PasswordReset } from '#actions/identity/password_reset'
import { InviteCustomer } from '#actions/identity/invite_customer'
import { activityLog } from '#services/activity_log'
import { userSessions } from '#actions/identity/user_sessions'

/**
 * IAM-10: what staff do to a portal account, each step in the activity log.
 *
 * @spec IAM-10
 */
export class ManagePortalUser {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n,
    protected staff: User,
    protected ip: string | null
  ) {}

  protected log(
    type: 'user.blocked' | 'user.unblocked' | 'user.password_reset_sent' | 'user.account_reset',
    target: User
  ) {
    return activityLog.record({
      type,
      actor: this.staff,
      target,
      ip: this.ip,
    })
  }

  /** Sends the "choose a new password" e-mail to the account's address. */
  async sendPasswordReset(target: User): Promise<boolean> {
    if (target.status !== 'active') return false
    await new PasswordReset(this.tenant).sendTo(target)
    await this.log('user.password_reset_sent', target)
    return true
  }

  /** Blocks the account: its open sessions end at once. */
  async block(target: User): Promise<void> {
    target.status = 'blocked'
    await target.save()
    await userSessions.endAll(target, 'blocked')
    await this.log('user.blocked', target)
  }

  /** Unblocks: active again if it had a password, else back to invited. */
  async unblock(target: User): Promise<void> {
    target.status = target.password ? 'active' : 'invited'
    await target.save()
    await this.log('user.unblocked', target)
  }

  /**
   * Resets the portal account: no password, no two-step enrolment, and a
   * new invitation (the old links die).
   */
  async resetAccount(target: User): Promise<void> {
    await db.transaction(async (trx) => {
      target.useTransaction(trx)
      target.merge({
        password: null,
        status: 'invited',
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        twoStepDeclinedAt: null,
      })
      await target.save()
    })
    await userSessions.endAll(target, 'account_reset')
    await new InviteCustomer(this.tenant, this.i18n).handle({ email: target.email }, this.staff)
    await this.log('user.account_reset', target)
  }
}
