import { randomUUID } from 'node:crypto'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { throttles } from '#services/throttles'
import { MailOutbox } from '#services/mail_outbox'
import { activityLog } from '#services/activity_log'
import { SelfRegistration } from '#actions/identity/registration'

export type LoginAttempt =
  | { status: 'ok'; user: User }
  | { status: 'invalid' }
  /** IAM-9: right password, but the self-registration is not confirmed yet. */
  | { status: 'unconfirmed' }
  | { status: 'throttled'; retryInMinutes: number }

/** How long the unlock link of a locked account works. */
const UNLOCK_LINK_MINUTES = 60

/**
 * IAM-1 with its brute-force limits (throttles.login): wrong passwords
 * count per account and per client address; past either limit every attempt
 * is refused for a while, even a right one. A right password clears its own
 * account's count only. When an account gets locked, its owner is e-mailed
 * a link that unlocks it at once (the lock cannot be used to keep the owner
 * out).
 *
 * @spec IAM-1 IAM-9
 */
export async function attemptLogin(
  tenant: Tenant,
  ip: string,
  email: string,
  password: string
): Promise<LoginAttempt> {
  const address = User.normalizeEmail(email)
  const limits = throttles.login(tenant.id, ip, address)
  const wait = await limits.blockedFor()
  if (wait !== null) return { status: 'throttled', retryInMinutes: minutes(wait) }

  const found = await User.verifyCredentials(address, password)
  if (found && (found.status === 'active' || (await SelfRegistration.awaitsConfirmation(found)))) {
    await limits.succeeded()
    return found.status === 'active' ? { status: 'ok', user: found } : { status: 'unconfirmed' }
  }

  const exhausted = await limits.failed()
  if (exhausted.some((key) => key.startsWith('login-account'))) {
    await sendUnlockLink(tenant, address, ip)
  }
  return { status: 'invalid' }
}

function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60))
}

/**
 * The owner of a locked account (if the address has an active one) gets a
 * link that lifts the lock. Unknown addresses get the same lock, no e-mail.
 */
async function sendUnlockLink(tenant: Tenant, address: string, ip: string) {
  const user = await User.query().where('email', address).where('status', 'active').first()
  if (!user) return
  await activityLog.record({
    type: 'login.locked',
    target: user,
    ip,
  })
  const path = signedUrlFor(
    'session.unlock',
    { id: user.id },
    { expiresIn: `${UNLOCK_LINK_MINUTES} mins`, purpose: 'login-unlock' }
  )
  await new MailOutbox().send({
    key: `login-unlock.${randomUUID()}`,
    tenantId: tenant.id,
    template: 'login_unlock',
    to: user.email,
    locale: user.locale ?? tenant.defaultLocale,
    data: {
      firstName: user.firstName,
      account: user.email,
      unlockUrl: tenant.url(path),
      forgotPasswordUrl: tenant.url('/forgot-password'),
      validMinutes: UNLOCK_LINK_MINUTES,
    },
  })
}
