import type Customer from '#models/customer'
import type CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import SharedUser from '#models/shared_user'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { CustomerFactory, CustomerNumberFactory } from '#database/factories/customer_factory'

/**
 * A customer with customer numbers, whose main contact is `mainContact`.
 */
export async function createCustomer(
  tenant: Tenant,
  name: string,
  numbers: string[],
  mainContact: User | null
): Promise<{ customer: Customer; numbers: CustomerNumber[] }> {
  const customer = await CustomerFactory.for(tenant).merge({ name }).create()
  const rows: CustomerNumber[] = []
  for (const number of numbers) rows.push(await addNumber(tenant, customer, number, mainContact))
  return { customer, numbers: rows }
}

/** A customer number added to a customer later (e.g. a new lease). */
export async function addNumber(
  tenant: Tenant,
  customer: Customer,
  number: string,
  mainContact: User | null
): Promise<CustomerNumber> {
  return CustomerNumberFactory.for(tenant)
    .merge({ customerId: customer.id, number, mainContactId: mainContact?.id ?? null })
    .create()
}

/**
 * ACC-2 as the sharing page leaves it: `owner` (a main contact) shares
 * these customer numbers with `user`.
 */
export async function shareNumbers(
  tenant: Tenant,
  owner: User,
  user: User,
  numbers: Pick<CustomerNumber, 'id'>[]
): Promise<void> {
  await tenantContext.run(tenant.id, async () => {
    await SharedUser.create({ tenantId: tenant.id, ownerId: owner.id, userId: user.id })
    for (const number of numbers) {
      await CustomerNumberShare.create({
        tenantId: tenant.id,
        customerNumberId: number.id,
        userId: user.id,
      })
    }
  })
}
