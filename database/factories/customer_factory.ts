import factory from '@adonisjs/lucid/factories'
import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import { tenantOwned } from '#database/factories/tenant_owned'

let sequence = 0

/**
 * A customer number (ACC-1), unique within the tenant, with no main
 * contact unless merged (`mainContactId`).
 */
export const CustomerNumberFactory = tenantOwned(
  factory
    .define(CustomerNumber, () => {
      sequence += 1
      return { number: `DL${String(sequence).padStart(7, '0')}`, mainContactId: null }
    })
    .build()
)

/**
 * A customer of the tenant (ACC-1); `.with('numbers', n)` gives it customer
 * numbers in the same scope.
 *
 * ```ts
 * const customer = await CustomerFactory.for(tenant)
 *   .with('numbers', 1, (number) => number.merge({ number: 'DL2000001', mainContactId: anna.id }))
 *   .create()
 * ```
 */
export const CustomerFactory = tenantOwned(
  factory
    .define(Customer, ({ faker }) => ({ name: faker.company.name() }))
    .relation('numbers', () => CustomerNumberFactory)
    .build()
)
