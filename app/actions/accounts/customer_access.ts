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

/**
 * IAM-11 / ACC-2: which customer numbers a user reaches: those they are
 * the main contact of, across customers, and those ticked for them. The one
 * place that answers this; document rights build on it.
 */
export const customerAccess = {
  /** The user's customer numbers as a query (usable as a subquery: no round trip). */
  visibleQuery(user: User) {
    const shared = CustomerNumberShare.query()
      .where('user_id', user.id)
      .select('customer_number_id')
    return CustomerNumber.query().where((query) =>
      query.where('main_contact_id', user.id).orWhereIn('id', shared)
    )
  },

  /** The ids of the user's customer numbers, as a subquery for `whereIn`. */
  visibleIdsQuery(user: User) {
    return this.visibleQuery(user).select('id')
  },

  async visibleNumbers(user: User): Promise<VisibleNumber[]> {
    const numbers = await this.visibleQuery(user).preload('customer').orderBy('number')
    return numbers.map((row) => ({
      id: row.id,
      number: row.number,
      customer: row.customer.name,
      access: row.mainContactId === user.id ? 'main' : 'shared',
      notifyMode: row.notifyMode,
    }))
  },

  async visibleNumberIds(user: User): Promise<number[]> {
    const rows = await this.visibleIdsQuery(user)
    return rows.map((row) => row.id)
  },

  /** Whether the user reaches this customer number. */
  async reaches(user: User, customerNumberId: number): Promise<boolean> {
    const row = await this.visibleIdsQuery(user).where('id', customerNumberId).first()
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
    const row = await CustomerNumber.query().where('main_contact_id', user.id).select('id').first()
    return !!row
  },
}
