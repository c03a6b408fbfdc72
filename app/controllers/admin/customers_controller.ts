import type { HttpContext } from '@adonisjs/core/http'
import Customer from '#models/customer'
import { escapeLike } from '#services/sql'
import CustomerNumber from '#models/customer_number'
import CustomerPolicy from '#policies/customer_policy'
import { AddCustomerNumber } from '#actions/accounts/customer_numbers'
import { SelfRegistration } from '#actions/identity/registration'
import { customerNumberValidator } from '#validators/accounts'
import { NotFoundException } from '#exceptions/not_found_exception'

/**
 * ACC-1 / IAM-9 for staff: customers and their numbers with the main
 * contact, and activation codes for self-registration.
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
      customers: customers.map((customer) => ({
        id: customer.id,
        name: customer.name,
        numbers: customer.numbers.map((number) => ({
          id: number.id,
          number: number.number,
          mainContact: number.mainContact?.email ?? null,
          mainContactStatus: number.mainContact?.status ?? null,
          contactEmail: number.contactEmail,
        })),
      })),
    })
  }

  async store({ request, response, session, tenant, i18n, auth, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const input = await request.validateUsing(customerNumberValidator)
    const number = await new AddCustomerNumber(tenant, i18n).handle(input, auth.user!)
    session.flash('success', i18n.t('accounts.numbers.added', { number: number.number }))
    return response.redirect().toRoute('admin.customers.index')
  }

  /** Issues an activation code; it is shown once, in the confirmation message. */
  async issueCode({ params, response, session, tenant, i18n, auth, bouncer }: HttpContext) {
    await bouncer.with(CustomerPolicy).authorize('manage')
    const number = await CustomerNumber.find(Number(params.id))
    if (!number) throw new NotFoundException()
    const { code, expiresAt } = await SelfRegistration.issueCode(tenant, number, auth.user!)
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
