import type { HttpContext } from '@adonisjs/core/http'
import Customer from '#models/customer'
import { escapeLike } from '#services/sql'
import CustomerNumber from '#models/customer_number'
import CustomerPolicy from '#policies/customer_policy'
import { AddCustomerNumber } from '#actions/accounts/customer_numbers'
import { SelfRegistration } from '#actions/identity/registration'
import { customerNumberValidator, managerValidator } from '#validators/accounts'
import { staffDirectory } from '#services/staff_directory'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { slotPanels } from '#plugins/slots'
import CustomerTransformer from '#transformers/accounts/customer_transformer'
import UserAccountTransformer from '#transformers/identity/user_account_transformer'

/**
 * ACC-1 / IAM-9 for staff: customers and their numbers with the main
 * contact, and activation codes for self-registration.
 *
 * @spec ACC-1 IAM-9 DOC-9
 */
export default class CustomersController {
  async index({ inertia, request, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const search = String(request.input('q', '')).trim().slice(0, 100)
    const customers = await Customer.query()
      .if(search, (query) =>
        query.where((match) =>
          match
            .whereRaw(`lower(name) like ? escape '\\'`, [`%${escapeLike(search.toLowerCase())}%`])
            .orWhereHas('numbers', (numbers) =>
              numbers.where('number', CustomerNumber.normalize(search))
            )
        )
      )
      .preload('numbers', (numbers) => numbers.preload('mainContact').orderBy('number'))
      .orderBy('name')
      .limit(100)
    return inertia.render('admin/customers', {
      q: search,
      staff: UserAccountTransformer.transform(await staffDirectory.members()).useVariant(
        'toStaffOption'
      ),
      customers: CustomerTransformer.transform(customers),
    })
  }

  /** One customer for staff: its numbers and main contacts, and the enabled plugins' tabs. */
  async show(ctx: HttpContext) {
    await ctx.bouncer.with(CustomerPolicy).authorize('manage')
    const customer = await Customer.query()
      .where('id', Number(ctx.params.id))
      .preload('numbers', (numbers) => numbers.preload('mainContact').orderBy('number'))
      .first()
    if (!customer) throw new NotFoundException()
    return ctx.inertia.render('admin/customer', {
      customer: CustomerTransformer.transform(customer),
      slots: await slotPanels(ctx, 'staff.customer', { customerId: customer.id }),
    })
  }

  /** DOC-9: who is told of this customer's uploads (the dossier's manager). */
  async manager({ params, request, response, session, i18n, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const customer = await Customer.find(Number(params.id))
    if (!customer) throw new NotFoundException()
    const { managerId } = await request.validateUsing(managerValidator)
    if (managerId && !(await staffDirectory.isStaff(managerId))) {
      throw fieldError('managerId', i18n.t('accounts.manager.unknown'))
    }
    customer.managerId = managerId ?? null
    await customer.save()
    session.flash('success', i18n.t('accounts.manager.saved'))
    return response.redirect().back()
  }

  async store({ request, response, session, tenant, i18n, auth, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const input = await request.validateUsing(customerNumberValidator)
    const number = await new AddCustomerNumber(tenant, i18n).handle(input, auth.user!)
    session.flash('success', i18n.t('accounts.numbers.added', { number: number.number }))
    return response.redirect().toRoute('admin.customers.index')
  }

  /** Issues an activation code; it is shown once, in the confirmation message. */
  async issueCode({ params, response, session, i18n, auth, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const number = await CustomerNumber.find(Number(params.id))
    if (!number) throw new NotFoundException()
    const { code, expiresAt } = await SelfRegistration.issueCode(number, auth.user!)
    session.flash(
      'success',
      i18n.t('accounts.numbers.code_issued', {
        number: number.number,
        code,
        date: expiresAt.setLocale(i18n.locale).toLocaleString({ dateStyle: 'long' }),
      })
    )
    return response.redirect().toRoute('admin.customers.index')
  }
}
