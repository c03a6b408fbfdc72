import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import EmailChange from '#models/email_change'
import { changeEmailValidator } from '#validators/auth'
import { fieldError } from '#exceptions/user_facing_exception'
import { confirmPassword } from '#actions/identity/confirm_password'
import { EmailCodes } from '#actions/identity/email_codes'
import { activityLog } from '#services/activity_log'
import { MailOutbox } from '#services/mail_outbox'
import { createToken, hashToken, looksLikeToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'
import { userSessions } from '#actions/identity/user_sessions'

/**
 * IAM-6 recovery options and IAM-4: the backup e-mail, the main e-mail
 * (changed only once the new address confirms), the password and two-step
 * verification, on one page.
 *
 * @spec IAM-4 IAM-6
 */
export default class SecurityController {
  async show(ctx: HttpContext) {
    const { inertia, auth, tenant } = ctx
    const user = auth.user!
    const latest = await EmailCodes.latest(user, 'recovery_email')
    const pendingChange = await EmailChange.query()
      .where('user_id', user.id)
      .whereNull('confirmed_at')
      .where('expires_at', '>', sqlTimestamp())
      .orderBy('id', 'desc')
      .first()
    return inertia.render('account/security', {
      email: user.email,
      pendingEmail: pendingChange?.newEmail ?? null,
      recoveryEmail: user.recoveryEmailVerifiedAt ? user.recoveryEmail : null,
      recoveryCodeSentTo:
        latest?.status === 'pending' && latest.expiresAt > DateTime.now() ? latest.email : null,
      twoStepEnabled: !!user.totpEnabledAt,
      sessions: await userSessions.list(ctx, tenant),
      sessionLimits: { idleMinutes: tenant.sessionIdleMinutes, maxHours: tenant.sessionMaxHours },
    })
  }

  /** Ends one of the user's other sessions (a browser left logged in elsewhere). */
  async endSession(ctx: HttpContext) {
    const { params, auth, session, i18n, response, request } = ctx
    const ended = await userSessions.endOne(auth.user!, Number(params.id))
    if (ended) {
      await activityLog.record({
        tenantId: auth.user!.tenantId,
        type: 'session.ended',
        actor: auth.user!,
        ip: request.ip(),
      })
    }
    session.flash(
      ended ? 'success' : 'error',
      i18n.t(ended ? 'auth.sessions.ended' : 'auth.sessions.gone')
    )
    return response.redirect().toRoute('security.show')
  }

  /** Ends every session of the user but this one. */
  async endOtherSessions(ctx: HttpContext) {
    const { auth, session, i18n, response, request } = ctx
    const count = await userSessions.endAll(auth.user!, 'ended_by_user', { keep: ctx })
    await activityLog.record({
      tenantId: auth.user!.tenantId,
      type: 'session.ended',
      actor: auth.user!,
      ip: request.ip(),
      details: { count },
    })
    session.flash('success', i18n.t('auth.sessions.others_ended', { count }))
    return response.redirect().toRoute('security.show')
  }

  /**
   * Sends a confirmation link to the new address; the main e-mail changes
   * when it is followed. Asks for the password first.
   */
  async requestEmailChange(ctx: HttpContext) {
    const { request, response, auth, session, i18n, tenant } = ctx
    const user = auth.user!
    const { email, currentPassword } = await request.validateUsing(changeEmailValidator)
    await confirmPassword(ctx, 'currentPassword', currentPassword)
    if (email === user.email) throw fieldError('email', i18n.t('auth.email_change.same'))
    /**
     * An address already in use gets no link, but the answer is the same:
     * the page does not tell who has an account here.
     */
    const taken = await User.query().where('email', email).first()
    const hours = config.get<number>('identity.emailChangeHours')
    const token = createToken()
    await db.transaction(async (trx) => {
      await EmailChange.query({ client: trx })
        .where('user_id', user.id)
        .whereNull('confirmed_at')
        .delete()
      const change = await EmailChange.create(
        {
          tenantId: user.tenantId,
          userId: user.id,
          newEmail: email,
          tokenHash: token.hash,
          expiresAt: DateTime.now().plus({ hours }),
        },
        { client: trx }
      )
      await activityLog.record(
        {
          tenantId: user.tenantId,
          type: 'email.change_requested',
          actor: user,
          ip: request.ip(),
          details: { newEmail: email },
        },
        trx
      )
      if (taken) return
      const delivery = await new MailOutbox().record(
        {
          key: `email-change.${change.id}`,
          tenantId: tenant.id,
          template: 'email_change',
          to: email,
          locale: user.locale ?? tenant.defaultLocale,
          data: {
            firstName: user.firstName,
            newEmail: email,
            confirmUrl: tenant.url(`/confirm-email/${token.value}`),
            validHours: hours,
          },
        },
        trx
      )
      trx.after('commit', () => new MailOutbox().dispatch(delivery))
    })
    session.flash('success', i18n.t('auth.email_change.sent', { email }))
    return response.redirect().toRoute('security.show')
  }

  /**
   * The link from the e-mail: the new address becomes the login. Works once,
   * within its validity, and only if nobody took the address meanwhile.
   */
  async confirmEmailChange({ params, response, session, i18n, auth }: HttpContext) {
    await auth.use('web').check()
    const token = params.token
    const change = looksLikeToken(token)
      ? await EmailChange.query()
          .where('token_hash', hashToken(token))
          .whereNull('confirmed_at')
          .where('expires_at', '>', sqlTimestamp())
          .first()
      : null
    if (!change) {
      session.flash('error', i18n.t('auth.email_change.invalid'))
      return response.redirect().toRoute(auth.user ? 'security.show' : 'session.create')
    }
    const changed = await db.transaction(async (trx) => {
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
          tenantId: user.tenantId,
          type: 'email.changed',
          actor: user,
          details: { from: previous, to: change.newEmail },
        },
        trx
      )
      return user
    })
    if (!changed) {
      session.flash('error', i18n.t('auth.email_change.invalid'))
      return response.redirect().toRoute(auth.user ? 'security.show' : 'session.create')
    }
    session.flash('success', i18n.t('auth.email_change.done', { email: changed.email }))
    return response.redirect().toRoute(auth.user ? 'security.show' : 'session.create')
  }
}
