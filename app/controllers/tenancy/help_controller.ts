import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { NotFoundException } from '#exceptions/not_found_exception'
import { MailOutbox } from '#services/mail_outbox'
import { throttles } from '#services/throttles'
import { helpRequestValidator, visitorHelpRequestValidator } from '#validators/settings'

/**
 * TEN-4: "Help" in the header: a message to customer service, e-mailed to
 * the tenant's support address with the writer as Reply-To. Open to
 * visitors too (somebody who cannot log in needs help most), limited per IP.
 *
 * @spec TEN-4
 */
export default class HelpController {
  async create({ inertia, tenant, auth }: HttpContext) {
    if (!tenant.helpFormEnabled || !tenant.supportEmail) throw new NotFoundException()
    await auth.check()
    return inertia.render('portal/help', {
      supportEmail: tenant.supportEmail,
      account: auth.user?.email ?? null,
    })
  }

  async store(ctx: HttpContext) {
    const { tenant, request, session, i18n, response, auth } = ctx
    if (!tenant.helpFormEnabled || !tenant.supportEmail) throw new NotFoundException()
    await auth.check()
    const user = auth.user
    const input = user
      ? { ...(await request.validateUsing(helpRequestValidator)), replyTo: user.email }
      : await request.validateUsing(visitorHelpRequestValidator)
    const replyTo = input.replyTo

    try {
      await throttles.helpRequests(tenant.id, request.ip()).consume()
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
      session.flash('error', i18n.t('auth.too_many_attempts', { minutes }))
      return response.redirect().back()
    }

    await new MailOutbox().send({
      key: `help.${randomUUID()}`,
      tenantId: tenant.id,
      template: 'help_request',
      to: tenant.supportEmail,
      locale: tenant.defaultLocale,
      data: {
        topic: input.subject,
        message: input.message,
        senderEmail: replyTo,
        senderName: user ? [user.firstName, user.lastName].filter(Boolean).join(' ') || null : null,
        signedIn: !!user,
      },
    })
    session.flash('success', i18n.t('settings.help.sent'))
    return response.redirect().toRoute('portal.home')
  }
}
