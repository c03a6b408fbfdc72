import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import EmailChange from '#models/email_change'
import { activityLog } from '#services/activity_log'
import { hashToken, looksLikeToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'

/**
 * IAM-6: the link from the e-mail-change message: the new address becomes
 * the user's login. It works once, within its validity, and only if nobody
 * took the address meanwhile; otherwise nothing changes (null).
 *
 * @spec IAM-6
 */
export class ConfirmEmailChange {
  async handle(token: string): Promise<User | null> {
    const change = looksLikeToken(token)
      ? await EmailChange.query()
          .where('token_hash', hashToken(token))
          .whereNull('confirmed_at')
          .where('expires_at', '>', sqlTimestamp())
          .first()
      : null
    if (!change) return null
    return db.transaction(async (trx) => {
      const claimed = await EmailChange.query({ client: trx })
        .where('id', change.id)
        .whereNull('confirmed_at')
        .update({ confirmed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      if (affectedRows(claimed) !== 1) return null
      if (await User.query({ client: trx }).where('email', change.newEmail).first()) return null
      const user = await User.findOrFail(change.userId, { client: trx })
      const previous = user.email
      user.email = change.newEmail
      await user.useTransaction(trx).save()
      await activityLog.record(
        {
          type: 'email.changed',
          actor: user,
          details: { from: previous, to: change.newEmail },
        },
        trx
      )
      return user
    })
  }
}
