import type { HttpContext } from '@adonisjs/core/http'
import { SelfRegistration } from '#actions/identity/registration'
import { NotFoundException } from '#exceptions/not_found_exception'
import {
  emailOnlyValidator,
  registerWithCodeValidator,
  registerWithEmailValidator,
} from '#validators/accounts'
import { throttles } from '#services/throttles'
import { isLocale } from '#services/locale'
import { errors as limiterErrors } from '@adonisjs/limiter'

/**
 * IAM-9: self-registration with a customer number, in the styles the
 * tenant offers; the confirmation link; resending it.
 *
 * @spec IAM-9
 */
export default class RegistrationController {
  async show({ inertia, tenant }: HttpContext) {
    const styles = tenant.registrationOptions
    if (styles.length === 0) throw new NotFoundException()
    return inertia.render('auth/register', { styles })
  }

  async storeWithCode(ctx: HttpContext) {
    const { request, response, session, tenant, i18n } = ctx
    if (!tenant.registrationOptions.includes('activation_code')) throw new NotFoundException()
    const input = await request.validateUsing(registerWithCodeValidator)
    if (await this.throttled(ctx)) return response.redirect().back()
    await new SelfRegistration(tenant, i18n, request.ip()).withCode({
      ...input,
      locale: input.locale ?? (isLocale(i18n.locale) ? i18n.locale : null),
    })
    session.flash('success', i18n.t('registration.sent'))
    return response.redirect().toRoute('session.create')
  }

  async storeWithEmail(ctx: HttpContext) {
    const { request, response, session, tenant, i18n } = ctx
    if (!tenant.registrationOptions.includes('customer_email')) throw new NotFoundException()
    const input = await request.validateUsing(registerWithEmailValidator)
    if (await this.throttled(ctx)) return response.redirect().back()
    await new SelfRegistration(tenant, i18n, request.ip()).withCustomerEmail({
      ...input,
      locale: input.locale ?? (isLocale(i18n.locale) ? i18n.locale : null),
    })
    session.flash('success', i18n.t('registration.sent_if_match'))
    return response.redirect().toRoute('session.create')
  }

  async confirm({ params, response, session, tenant, i18n, request }: HttpContext) {
    const outcome = await new SelfRegistration(tenant, i18n, request.ip()).confirm(params.token)
    if (outcome === null) session.flash('error', i18n.t('registration.link_invalid'))
    else
      session.flash(
        'success',
        i18n.t(outcome === 'approved' ? 'registration.approved' : 'registration.confirmed')
      )
    return response.redirect().toRoute('session.create')
  }

  async resend(ctx: HttpContext) {
    const { request, response, session, tenant, i18n } = ctx
    const { email } = await request.validateUsing(emailOnlyValidator)
    if (await this.throttled(ctx)) return response.redirect().back()
    await new SelfRegistration(tenant, i18n, request.ip()).resend(email)
    session.flash('success', i18n.t('registration.resent'))
    return response.redirect().toRoute('session.create')
  }

  /** Guessing codes or customer numbers is slowed down per IP. */
  protected async throttled({ request, tenant, session, i18n }: HttpContext): Promise<boolean> {
    try {
      await throttles.registration(tenant.id, request.ip()).consume()
      return false
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
      session.flash('error', i18n.t('auth.too_many_attempts', { minutes }))
      return true
    }
  }
}
