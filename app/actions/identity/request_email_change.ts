import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import User from '#models/user'
import EmailChange from '#models/email_change'
import type Tenant from '#models/tenant'
import { fieldError } from '#exceptions/user_facing_exception'
import { activityLog } from '#services/activity_log'
import { MailOutbox } from '#services/mail_outbox'
import { createToken } from '#services/tokens'

/**
 * IAM-6: a user asks to change the main e-mail. The new address gets a
 * confirmation link (valid `identity.emailChangeHours`); the login changes
 * only when it is followed (`ConfirmEmailChange`). An earlier request still
 * open is replaced. An address already in use gets no link, but the user
 * sees the same answer: the page does not tell who has an account here.
 * The caller checked the user's password first.
 *
 * @spec IAM-6
 */
export class RequestEmailChange {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async handle(user: User, newEmail: string, ip: string | null): Promise<void> {
    if (newEmail === user.email) throw fieldError('email', this.i18n.t('auth.email_change.same'))
    const taken = await User.query().where('email', newEmail).first()
    const hours = config.get<number>('identity.emailChangeHours')
    const token = createToken()
    await db.transaction(async (trx) => {
      await EmailChange.query({ client: trx })
        .where('user_id', user.id)
        .whereNull('confirmed_at')
        .delete()
      const change = await EmailChange.create(
        {
          userId: user.id,
          newEmail,
          tokenHash: token.hash,
          expiresAt: DateTime.now().plus({ hours }),
        },
        { client: trx }
      )
      await activityLog.record(
        {
          type: 'email.change_requested',
          actor: user,
          ip,
          details: { newEmail },
        },
        trx
      )
      if (taken) return
      const delivery = await new MailOutbox().record(
        {
          key: `email-change.${change.id}`,
          tenantId: this.tenant.id,
          template: 'email_change',
          to: newEmail,
          locale: user.locale ?? this.tenant.defaultLocale,
          data: {
            firstName: user.firstName,
            newEmail,
            confirmUrl: this.tenant.url(`/confirm-email/${token.value}`),
            validHours: hours,
          },
        },
        trx
      )
      trx.after('commit', () => new MailOutbox().dispatch(delivery))
    })
  }
}
