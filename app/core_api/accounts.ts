/**
 * Customers and who reaches them (ACC-1 to ACC-3): the customer numbers a
 * user reaches (as main contact or shared with them), the ones they own,
 * whether they reach one, and the shape the core's pages show them in.
 * Finding a number by its text for a tenant is
 * `coreServices(id).customers.findNumber` (#core/services).
 *
 *   const numbers = await customerAccess.visibleNumbers(user)
 *
 * @spec ACC-1 ACC-2 ACC-3
 */
import type CustomerNumber from '#models/customer_number'
import type User from '#models/user'
import { customerAccess as access, type VisibleNumber } from '#actions/accounts/customer_access'

export type { VisibleNumber }
export type { default as Customer } from '#models/customer'
export type { default as CustomerNumber } from '#models/customer_number'
export { default as VisibleNumberTransformer } from '#transformers/accounts/visible_number_transformer'

/** The read side of the core's access rule, nothing that writes. */
export const customerAccess: {
  /** The numbers the user reaches, main ones first (cached per request). */
  visibleNumbers(user: User): Promise<VisibleNumber[]>
  /** The ids of those numbers. */
  visibleNumberIds(user: User): Promise<number[]>
  /** Whether the user reaches this customer number. */
  reaches(user: User, customerNumberId: number): Promise<boolean>
  /** The numbers the user is main contact of (who may share them). */
  ownedNumbers(user: User): Promise<CustomerNumber[]>
  /** Whether the user is the main contact of at least one number. */
  isMainContact(user: User): Promise<boolean>
} = {
  visibleNumbers: (user) => access.visibleNumbers(user),
  visibleNumberIds: (user) => access.visibleNumberIds(user),
  reaches: (user, customerNumberId) => access.reaches(user, customerNumberId),
  ownedNumbers: (user) => access.ownedNumbers(user),
  isMainContact: (user) => access.isMainContact(user),
}
