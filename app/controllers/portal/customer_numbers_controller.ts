import type { HttpContext } from '@adonisjs/core/http'
import { customerAccess } from '#actions/accounts/customer_access'
import { Sharing } from '#actions/accounts/sharing'
import { emailOnlyValidator } from '#validators/accounts'

/**
 * IAM-11 / ACC-3: every customer number the user reaches, across
 * customers; a main contact hands the role over from here.
 */
export default class CustomerNumbersController {
  async index({ inertia, auth }: HttpContext) {
    return inertia.render('portal/customer_numbers', {
      numbers: await customerAccess.visibleNumbers(auth.user!),
    })
  }

  async handOver({ params, request, response, auth, tenant, i18n, session }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    await new Sharing(tenant, i18n, request.ip()).handOver(auth.user!, Number(params.id), email)
    session.flash('success', i18n.t('accounts.hand_over.done', { email }))
    return response.redirect().toRoute('customer_numbers.index')
  }
}
