import db from '@adonisjs/lucid/services/db'
import CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import type User from '#models/user'

export interface VisibleNumber {
  id: number
  number: string
  customer: string
  /** `main`: the user is its main contact; `shared`: a main contact ticked it for the user. */
  access: 'main' | 'shared'
  /** DOC-6: new documents of this number are announced with a link or the attachment. */
  notifyMode: 'link' | 'attachment'
}

const perRequest = new WeakMap<User, Promise<VisibleNumber[]>>()

/**
 * IAM-11 / ACC-2: which customer numbers a user reaches: those they are
 * the main contact of, across customers, and those ticked for them. The one
 * place that answers this; document rights build on it.
 *
 * @spec IAM-11 ACC-2
 */
export const customerAccess = {
  /** The user's customer numbers as a query (usable as a subquery: no round trip). */
  visibleQuery(user: User) {
    return CustomerNumber.query().whereIn('id', this.visibleIdsQuery(user))
  },

  /**
   * The ids of the user's customer numbers, as a subquery for `whereIn`:
   * two index lookups put together with UNION ALL (written as `main contact
   * OR in the shares`, PostgreSQL read every customer number of the tenant).
   */
  visibleIdsQuery(user: User) {
    return db
      .query()
      .from(CustomerNumber.table)
      .where('tenant_id', user.tenantId)
      .where('main_contact_id', user.id)
      .select('id')
      .unionAll((shared) =>
        shared
          .from(CustomerNumberShare.table)
          .where('tenant_id', user.tenantId)
          .where('user_id', user.id)
          .select('customer_number_id')
      )
  },

  /**
   * The user's numbers with their customer, in one statement, computed once
   * per request (the user object lives as long as the request): the list,
   * its filters and the menu all ask.
   */
  visibleNumbers(user: User): Promise<VisibleNumber[]> {
    let pending = perRequest.get(user)
    if (!pending) {
      pending = this.loadVisibleNumbers(user)
      perRequest.set(user, pending)
      pending.catch(() => perRequest.delete(user))
    }
    return pending
  },

  async loadVisibleNumbers(user: User): Promise<VisibleNumber[]> {
    const rows = await db
      .from('customer_numbers')
      .join('customers', 'customers.id', 'customer_numbers.customer_id')
      .where('customer_numbers.tenant_id', user.tenantId)
      .whereIn('customer_numbers.id', this.visibleIdsQuery(user))
      .orderBy('customer_numbers.number')
      .select(
        'customer_numbers.id',
        'customer_numbers.number',
        'customer_numbers.main_contact_id',
        'customer_numbers.notify_mode',
        'customers.name as customer'
      )
    return rows.map((row) => ({
      id: Number(row.id),
      number: row.number as string,
      customer: row.customer as string,
      access: row.main_contact_id === user.id ? 'main' : 'shared',
      notifyMode: row.notify_mode as 'link' | 'attachment',
    }))
  },

  async visibleNumberIds(user: User): Promise<number[]> {
    const rows = await this.visibleNumbers(user)
    return rows.map((row) => row.id)
  },

  /** Whether the user reaches this customer number. */
  async reaches(user: User, customerNumberId: number): Promise<boolean> {
    const row = await this.visibleQuery(user).where('id', customerNumberId).select('id').first()
    return !!row
  },

  /** The numbers the user is main contact of (what they may share). */
  ownedNumbers(user: User): Promise<CustomerNumber[]> {
    return CustomerNumber.query()
      .where('main_contact_id', user.id)
      .preload('customer')
      .orderBy('number')
  },

  async ownedNumberIds(user: User): Promise<number[]> {
    const rows = await CustomerNumber.query().where('main_contact_id', user.id).select('id')
    return rows.map((row) => row.id)
  },

  async isMainContact(user: User): Promise<boolean> {
    const numbers = await this.visibleNumbers(user)
    return numbers.some((row) => row.access === 'main')
  },
}
