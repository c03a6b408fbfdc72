import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import UserSession from '#models/user_session'
import type User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { createToken, hashToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'

/** Where the session keeps the key of its row. */
export const SESSION_KEY = 'auth.sessionKey'

/** `last_seen_at` is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000

export type SessionEndReason =
  | 'logout'
  | 'ended_by_user'
  | 'password_changed'
  | 'password_reset'
  | 'blocked'
  | 'account_reset'
  | 'idle'
  | 'expired'

export type SessionCheck = 'ok' | 'ended' | 'idle' | 'expired'

/**
 * Sessions that can be ended (ASVS V3). The session cookie alone proves
 * nothing: a request is let through only while its row is open and within
 * the tenant's limits, so logging out, a password change, a block or an
 * admin's reset end a session on the server, copies of its cookie included.
 *
 * @spec IAM-1
 */
export const userSessions = {
  /**
   * A new row for a login; the key goes into the (regenerated) session.
   * `request` is null for a test client logging in without a request.
   */
  async open(
    user: User,
    request: { ip(): string; header(name: string): string | undefined } | null
  ): Promise<string> {
    const key = createToken()
    const now = DateTime.now()
    await tenantContext.run(user.tenantId, () =>
      UserSession.create({
        userId: user.id,
        keyHash: key.hash,
        ip: request?.ip().slice(0, 45) ?? null,
        userAgent: request?.header('user-agent')?.slice(0, 255) ?? null,
        createdAt: now,
        lastSeenAt: now,
      })
    )
    return key.value
  },

  async start(ctx: HttpContext, user: User): Promise<void> {
    ctx.session.put(SESSION_KEY, await this.open(user, ctx.request))
  },

  /** The open row of this request's session, or null. */
  async current(ctx: HttpContext): Promise<UserSession | null> {
    const key = ctx.session.get(SESSION_KEY)
    if (typeof key !== 'string' || !ctx.auth.user) return null
    return UserSession.query()
      .where('key_hash', hashToken(key))
      .where('user_id', ctx.auth.user.id)
      .whereNull('ended_at')
      .first()
  },

  /**
   * Whether the logged-in user's session may go on: its row is open, it
   * was used within the tenant's idle limit and began within its absolute
   * limit. A session past a limit is closed here.
   */
  async check(ctx: HttpContext, tenant: Tenant): Promise<SessionCheck> {
    const row = await this.current(ctx)
    if (!row) return 'ended'
    const now = DateTime.now()
    if (now.diff(row.createdAt).as('hours') >= tenant.sessionMaxHours) {
      await this.close(row, 'expired')
      return 'expired'
    }
    if (now.diff(row.lastSeenAt).as('minutes') >= tenant.sessionIdleMinutes) {
      await this.close(row, 'idle')
      return 'idle'
    }
    if (now.diff(row.lastSeenAt).as('milliseconds') >= TOUCH_EVERY_MS) {
      await UserSession.query()
        .where('id', row.id)
        .whereNull('ended_at')
        .update({ last_seen_at: sqlTimestamp(now) })
    }
    return 'ok'
  },

  async close(row: UserSession, reason: SessionEndReason): Promise<void> {
    await UserSession.query()
      .where('id', row.id)
      .whereNull('ended_at')
      .update({ ended_at: sqlTimestamp(), end_reason: reason })
  },

  /** Ends this request's session (logout). */
  async endCurrent(ctx: HttpContext, reason: SessionEndReason = 'logout'): Promise<void> {
    const row = await this.current(ctx)
    if (row) await this.close(row, reason)
    ctx.session.forget(SESSION_KEY)
  },

  /**
   * Ends every open session of the user, except `keep` (the session, or the
   * request whose session it is: the request that changed the password
   * keeps its own).
   */
  async endAll(
    user: User,
    reason: SessionEndReason,
    options: { keep?: HttpContext | UserSession | null; client?: TransactionClientContract } = {}
  ): Promise<number> {
    const kept =
      options.keep instanceof UserSession
        ? options.keep
        : options.keep
          ? await this.current(options.keep)
          : null
    const query = UserSession.query({ client: options.client })
      .where('user_id', user.id)
      .whereNull('ended_at')
    if (kept) void query.whereNot('id', kept.id)
    return affectedRows(await query.update({ ended_at: sqlTimestamp(), end_reason: reason }))
  },

  /** One of the user's own open sessions, ended from the profile page. */
  async endOne(user: User, id: number): Promise<boolean> {
    const row = await UserSession.query()
      .where('user_id', user.id)
      .where('id', id)
      .whereNull('ended_at')
      .first()
    if (!row) return false
    await this.close(row, 'ended_by_user')
    return true
  },

  /** The user's sessions still open within the tenant's limits, newest use first (at most 50). */
  list(user: User, tenant: Tenant): Promise<UserSession[]> {
    const idleSince = DateTime.now().minus({ minutes: tenant.sessionIdleMinutes })
    const startedSince = DateTime.now().minus({ hours: tenant.sessionMaxHours })
    return UserSession.query()
      .where('user_id', user.id)
      .whereNull('ended_at')
      .where('last_seen_at', '>', sqlTimestamp(idleSince))
      .where('created_at', '>', sqlTimestamp(startedSince))
      .orderBy('last_seen_at', 'desc')
      .limit(50)
  },
}
