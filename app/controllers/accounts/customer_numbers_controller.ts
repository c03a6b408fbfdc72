import VisibleNumberTransformer from '#transformers/accounts/visible_number_transformer'
import type { HttpContext } from '@adonisjs/core/http'
import { customerAccess } from '#actions/accounts/customer_access'
import { Sharing } from '#actions/accounts/sharing'
import { emailOnlyValidator, notifyModeValidator } from '#validators/accounts'
import CustomerNumber from '#models/customer_number'
import { NotFoundException } from '#exceptions/not_found_exception'

/**
 * IAM-11 / ACC-3: every customer number the user reaches, across
 * customers; a main contact hands the role over from here.
 *
 * @spec IAM-11 ACC-1 ACC-3 DOC-6
 */
export default class CustomerNumbersController {
  async index({ inertia, auth }: HttpContext) {
    return inertia.render('portal/customer_numbers', {
      numbers: VisibleNumberTransformer.transform(await customerAccess.visibleNumbers(auth.user!)),
    })
  }

  /** DOC-6 / LEASE-3: the main contact chooses a link or the attachment in new-document e-mails. */
  async notifyMode({ params, request, response, auth, i18n, session }: HttpContext) {
    const number = await CustomerNumber.query()
      .where('id', Number(params.id) || 0)
      .where('main_contact_id', auth.user!.id)
      .first()
    if (!number) throw new NotFoundException()
    const { notifyMode } = await request.validateUsing(notifyModeValidator)
    number.notifyMode = notifyMode
    await number.save()
    session.flash('success', i18n.t('accounts.numbers.notify_saved', { number: number.number }))
    return response.redirect().toRoute('customer_numbers.index')
  }

  async handOver({ params, request, response, auth, tenant, i18n, session }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    await new Sharing(tenant, i18n, request.ip()).handOver(auth.user!, Number(params.id), email)
    session.flash('success', i18n.t('accounts.hand_over.done', { email }))
    return response.redirect().toRoute('customer_numbers.index')
  }
}
