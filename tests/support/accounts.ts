import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * A customer with customer numbers, whose main contact is `mainContact`.
 */
export async function createCustomer(
  tenant: Tenant,
  name: string,
  numbers: string[],
  mainContact: User | null
): Promise<{ customer: Customer; numbers: CustomerNumber[] }> {
  return tenantContext.run(tenant.id, async () => {
    const customer = await Customer.create({ tenantId: tenant.id, name })
    const rows: CustomerNumber[] = []
    for (const number of numbers) rows.push(await addNumber(tenant, customer, number, mainContact))
    return { customer, numbers: rows }
  })
}

/** A customer number added to a customer later (e.g. a new lease). */
export async function addNumber(
  tenant: Tenant,
  customer: Customer,
  number: string,
  mainContact: User | null
): Promise<CustomerNumber> {
  return tenantContext.run(tenant.id, () =>
    CustomerNumber.create({
      tenantId: tenant.id,
      customerId: customer.id,
      number,
      mainContactId: mainContact?.id ?? null,
    })
  )
}
