import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#models/tenant'
import type User from '#models/user'
import { MailOutbox } from '#services/mail_outbox'

/**
 * ASVS 2.2.3 / 2.5.5: the account's owner is told by e-mail whenever what
 * protects the account changed: the password, two-step verification, the
 * recovery address, the login address (told at the old address). If it was
 * not them, the e-mail says what to do.
 */
const NOTIFIED = {
  'password.changed': 'password_changed',
  'password.reset': 'password_reset',
  'two_step.enabled': 'two_step_enabled',
  'two_step.disabled': 'two_step_disabled',
  'two_step.device_reset': 'two_step_device_reset',
  'recovery_email.verified': 'recovery_email',
  'email.changed': 'email_changed',
} as const

export type NoticeChange = (typeof NOTIFIED)[keyof typeof NOTIFIED]

export const securityNotices = {
  concerns(type: string): type is keyof typeof NOTIFIED {
    return type in NOTIFIED
  },

  async send(
    event: { id: number; type: keyof typeof NOTIFIED; ip: string | null; createdAt: string },
    user: User,
    details: Record<string, unknown> | undefined,
    trx?: TransactionClientContract
  ) {
    const tenant = await Tenant.find(user.tenantId, { client: trx })
    if (!tenant) return
    const to =
      event.type === 'email.changed' && typeof details?.from === 'string'
        ? details.from
        : user.email
    const outbox = new MailOutbox()
    const delivery = await outbox.record(
      {
        key: `security-notice.${event.id}`,
        tenantId: tenant.id,
        template: 'security_notice',
        to,
        locale: user.locale ?? tenant.defaultLocale,
        data: {
          firstName: user.firstName,
          account: user.email,
          change: NOTIFIED[event.type],
          when: event.createdAt,
          ip: event.ip,
          securityUrl: tenant.url('/account/security'),
          forgotPasswordUrl: tenant.url('/forgot-password'),
        },
      },
      trx
    )
    if (trx) trx.after('commit', () => outbox.dispatch(delivery))
    else await outbox.dispatch(delivery)
  },
}
