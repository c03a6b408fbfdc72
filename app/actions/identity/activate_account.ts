import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Invitation from '#models/invitation'
import User from '#models/user'
import { hashToken, looksLikeToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'
import { invitationWorkflows } from '#workflows/invitations/client'

/**
 * What an activation link leads to.
 */
export type UnusableLink = { state: 'expired' | 'voided' | 'accepted' | 'unknown' }
export type LinkState = { state: 'valid'; invitation: Invitation } | UnusableLink

/**
 * IAM-8: the invited person follows the link, chooses a password and the
 * account becomes active.
 *
 * @spec IAM-8
 */
export class ActivateAccount {
  /**
   * Looks a link's token up in the tenant in scope. A pending invitation
   * whose time ran out counts as expired even before its workflow noticed.
   */
  static async inspect(token: unknown): Promise<LinkState> {
    if (!looksLikeToken(token)) return { state: 'unknown' }
    const invitation = await Invitation.query()
      .where('token_hash', hashToken(token))
      .preload('user')
      .first()
    if (!invitation) return { state: 'unknown' }
    if (invitation.status === 'pending') {
      return invitation.expiresAt <= DateTime.now()
        ? { state: 'expired' }
        : { state: 'valid', invitation }
    }
    return { state: invitation.status }
  }

  /**
   * Sets the password and activates the account, if the link is still
   * valid. The invitation moves to `accepted` with a conditional update, so
   * a link used twice at once, or in the instant it expires, activates once.
   */
  async handle(token: string, password: string): Promise<{ user: User } | UnusableLink> {
    const link = await ActivateAccount.inspect(token)
    if (link.state !== 'valid') return link
    const { invitation } = link

    const activated = await db.transaction(async (trx) => {
      const updated = await Invitation.query({ client: trx })
        .where('tenant_id', invitation.tenantId)
        .where('id', invitation.id)
        .where('status', 'pending')
        .where('expires_at', '>', sqlTimestamp())
        .update({
          status: 'accepted',
          accepted_at: sqlTimestamp(),
          closed_at: sqlTimestamp(),
          updated_at: sqlTimestamp(),
        })
      if (affectedRows(updated) !== 1) return null

      const user = await User.findOrFail(invitation.userId, { client: trx })
      await user.setPassword(password)
      user.status = 'active'
      await user.save()
      return user
    })

    if (!activated) {
      const now = await ActivateAccount.inspect(token)
      return now.state === 'valid' ? { state: 'expired' } : now
    }
    await invitationWorkflows.activated(invitation.workflowId)
    return { user: activated }
  }
}
