/** @spec ACC-1 */
import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { fieldError } from '#exceptions/user_facing_exception'
import { InviteCustomer } from '#actions/identity/invite_customer'

export interface CustomerNumberInput {
  customerName?: string
  customerId?: number
  number: string
  mainContactEmail?: string
  contactEmail?: string
}

/**
 * ACC-1: staff add a customer number (to a new or existing customer) with
 * its main contact, who is invited when new. A new number is shared with
 * nobody until the main contact ticks it.
 */
export class AddCustomerNumber {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async handle(input: CustomerNumberInput, staff: User): Promise<CustomerNumber> {
    const number = CustomerNumber.normalize(input.number)
    if (!this.tenant.acceptsCustomerNumber(number)) {
      throw fieldError('number', this.i18n.t('accounts.numbers.bad_format'))
    }
    if (await CustomerNumber.findBy('number', number)) {
      throw fieldError('number', this.i18n.t('accounts.numbers.taken', { number }))
    }
    let contact = input.mainContactEmail
      ? await User.query().where('email', input.mainContactEmail).first()
      : null
    if (contact && contact.role !== 'customer') {
      throw fieldError('mainContactEmail', this.i18n.t('accounts.share.address_unavailable'))
    }
    if (input.mainContactEmail && !contact) {
      const invitation = await new InviteCustomer(this.tenant, this.i18n).handle(
        { email: input.mainContactEmail },
        staff
      )
      contact = await User.findOrFail(invitation.userId)
    }
    return db.transaction(async (trx) => {
      const customer = input.customerId
        ? await Customer.findOrFail(input.customerId, { client: trx })
        : await Customer.create({ name: input.customerName! }, { client: trx })
      return CustomerNumber.create(
        {
          customerId: customer.id,
          number,
          mainContactId: contact?.id ?? null,
          contactEmail: input.contactEmail ?? null,
        },
        { client: trx }
      )
    })
  }
}
