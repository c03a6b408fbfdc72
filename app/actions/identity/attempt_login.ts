import User from '#models/user'
import { throttles } from '#services/throttles'
import { SelfRegistration } from '#actions/identity/registration'

class InvalidCredentials extends Error {}
class AwaitsConfirmation extends Error {}

export type LoginAttempt =
  | { status: 'ok'; user: User }
  | { status: 'invalid' }
  /** IAM-9: right password, but the self-registration is not confirmed yet. */
  | { status: 'unconfirmed' }
  | { status: 'throttled'; retryInMinutes: number }

/**
 * IAM-1 with its rate limit: checks the credentials of an active user of the
 * tenant in scope. Wrong attempts count per address and IP and per IP; past
 * the limit every attempt is refused for a while, even a right one.
 */
export async function attemptLogin(
  tenantId: number,
  ip: string,
  email: string,
  password: string
): Promise<LoginAttempt> {
  try {
    const [throttled, user] = await throttles.login(tenantId, ip, email).penalize(async () => {
      const found = await User.verifyCredentials(email, password)
      if (found && (await SelfRegistration.awaitsConfirmation(found)))
        throw new AwaitsConfirmation()
      if (!found || found.status !== 'active') throw new InvalidCredentials()
      return found
    })
    if (throttled) {
      return {
        status: 'throttled',
        retryInMinutes: Math.max(1, Math.ceil(throttled.response.availableIn / 60)),
      }
    }
    return { status: 'ok', user }
  } catch (error) {
    if (error instanceof InvalidCredentials) return { status: 'invalid' }
    if (error instanceof AwaitsConfirmation) return { status: 'unconfirmed' }
    throw error
  }
}
