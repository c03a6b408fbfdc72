import type { HttpContext } from '@adonisjs/core/http'
import config from '@adonisjs/core/services/config'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import Operator from '#models/operator'
import { throttles } from '#services/throttles'
import { totp } from '#services/totp'
import { checkAppCode, type CodeAttempt } from '#actions/identity/two_step'

/** The operator whose password was right and whose code is still due. */
const PENDING_KEY = 'ops.pending'
/** The logged-in operator. */
const OPERATOR_KEY = 'ops.operatorId'
/** Operators' brute-force counters live beside the tenants' (tenant ids start at 1). */
const PLATFORM = 0

interface Pending {
  operatorId: number
  at: number
}

/**
 * OPS-1: an operator logs in with a password, then always with a code from
 * an authenticator app; an operator without one enrols it before anything
 * else opens. The login lives in the operator host's own session (cookies
 * are per host): nothing of it is valid on a tenant's portal, and a
 * tenant's login is nothing here.
 *
 * @spec OPS-1
 */
export const operatorLogin = {
  /** Step one. Wrong passwords count per operator and per client address. */
  async password(
    ctx: HttpContext,
    email: string,
    password: string
  ): Promise<'next' | 'invalid' | { throttled: number }> {
    const limits = throttles.login(
      PLATFORM,
      ctx.request.ip(),
      `ops:${Operator.normalizeEmail(email)}`
    )
    const wait = await limits.blockedFor()
    if (wait !== null) return { throttled: Math.max(1, Math.ceil(wait / 60)) }
    const operator = await Operator.verifyCredentials(email, password)
    if (!operator) {
      await limits.failed()
      return 'invalid'
    }
    await limits.succeeded()
    ctx.session.regenerate()
    ctx.session.put(PENDING_KEY, { operatorId: operator.id, at: Date.now() } satisfies Pending)
    return 'next'
  },

  /** The operator between the two steps, or null (none, or waited too long). */
  async pending(ctx: HttpContext): Promise<Operator | null> {
    const pending = ctx.session.get(PENDING_KEY) as Pending | undefined
    if (!pending) return null
    const minutes = config.get<number>('identity.twoStep.pendingLoginMinutes')
    if (Date.now() - pending.at > minutes * 60_000) {
      ctx.session.forget(PENDING_KEY)
      return null
    }
    return Operator.find(pending.operatorId)
  },

  /** The secret being enrolled (created on first use), for the QR code. */
  async candidateSecret(operator: Operator): Promise<string> {
    const existing = operator.totpSecret ? encryption.decrypt<string>(operator.totpSecret) : null
    if (existing) return existing
    const secret = totp.generateSecret()
    operator.totpSecret = encryption.encrypt(secret)
    await operator.save()
    return secret
  },

  /**
   * Step two (or the enrolment's confirmation): a code of the operator's
   * secret, never the same twice, 5 wrong ones lock it for a while.
   */
  async code(ctx: HttpContext, operator: Operator, input: unknown): Promise<CodeAttempt> {
    const result = await checkAppCode(Operator, operator, PLATFORM, input)
    if (result.status !== 'ok') return result
    // Logged in for good: a fresh session id, the pending step gone.
    if (!operator.totpEnabledAt) operator.totpEnabledAt = DateTime.now()
    operator.lastLoginAt = DateTime.now()
    await operator.save()
    ctx.session.forget(PENDING_KEY)
    ctx.session.regenerate()
    ctx.session.put(OPERATOR_KEY, operator.id)
    return { status: 'ok' }
  },

  /** The logged-in operator of this request, or null. */
  async current(ctx: HttpContext): Promise<Operator | null> {
    const id = ctx.session.get(OPERATOR_KEY)
    if (typeof id !== 'number') return null
    const operator = await Operator.find(id)
    return operator?.totpEnabledAt ? operator : null
  },

  logout(ctx: HttpContext) {
    ctx.session.forget(OPERATOR_KEY)
    ctx.session.forget(PENDING_KEY)
    ctx.session.regenerate()
  },
}
