import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { totp } from '#services/totp'
import { maildev, type CaughtMail } from '#tests/support/maildev'

/**
 * Turns two-step verification on for a user, as a finished enrolment
 * leaves it; returns the secret the user's app would hold.
 */
export async function enrol(
  tenant: Tenant,
  user: User,
  recoveryEmail = `recovery.${user.email}`
): Promise<string> {
  const secret = totp.generateSecret()
  await tenantContext.run(tenant.id, async () => {
    user.merge({
      totpSecret: encryption.encrypt(secret),
      totpEnabledAt: DateTime.now(),
      recoveryEmail,
      recoveryEmailVerifiedAt: DateTime.now(),
    })
    await user.save()
  })
  return secret
}

/** The 6-digit code in an e-mail the e-mail code workflow sent. */
export function codeIn(mail: CaughtMail): string {
  const match = mail.text.match(/\b(\d{6})\b/)
  if (!match) throw new Error(`No 6-digit code in "${mail.subject}"`)
  return match[1]
}

/** Waits for the n-th code e-mail to an address and returns its code. */
export async function waitForCode(address: string, count = 1): Promise<string> {
  const mails = await maildev.waitFor(address, { count })
  return codeIn(mails[count - 1])
}
