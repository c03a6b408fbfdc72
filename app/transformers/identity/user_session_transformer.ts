import { BaseTransformer } from '@adonisjs/core/transformers'
import Bowser from 'bowser'
import type UserSession from '#models/user_session'

/** "Firefox 133 · Windows 10" from a user agent (bowser), or null when it says nothing. */
function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null
  const { browser, os } = Bowser.parse(userAgent)
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ')
  const system = [os.name, os.versionName ?? null].filter(Boolean).join(' ')
  return [name, system].filter(Boolean).join(' · ') || null
}

/**
 * One of the user's open sessions on the security page (ASVS V3): the
 * browser it runs in, where it came from, since when and when last used;
 * `currentId` marks the one of this request.
 *
 * @spec IAM-6
 */
export default class UserSessionTransformer extends BaseTransformer<UserSession> {
  constructor(
    session: UserSession,
    protected currentId: number | null = null
  ) {
    super(session)
  }

  toObject() {
    const session = this.resource
    return {
      id: session.id,
      current: session.id === this.currentId,
      ip: session.ip,
      device: describeDevice(session.userAgent),
      createdAt: session.createdAt.toISO()!,
      lastSeenAt: session.lastSeenAt.toISO()!,
    }
  }
}
