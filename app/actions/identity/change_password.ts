import type User from '#models/user'
import type UserSession from '#models/user_session'
import { activityLog } from '#services/activity_log'
import { userSessions } from '#actions/identity/user_sessions'

/**
 * IAM-5 / IAM-6: a user's new password (the caller checked the old one).
 * Every other session of the user ends (ASVS 3.3.3): a stolen cookie stops
 * working; `keep`, the session the change was made in, stays open.
 *
 * @spec IAM-5 IAM-6
 */
export class ChangePassword {
  async handle(
    user: User,
    password: string,
    options: { keep: UserSession | null; ip: string | null }
  ): Promise<void> {
    await user.setPassword(password)
    await user.save()
    await userSessions.endAll(user, 'password_changed', { keep: options.keep })
    await activityLog.record({
      type: 'password.changed',
      actor: user,
      ip: options.ip,
    })
  }
}
