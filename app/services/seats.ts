import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import type Tenant from '#models/tenant'

/**
 * TEN-8: customer logins of the tenant's licence. Invited and active
 * customers take a seat; blocked ones do not.
 *
 * @spec TEN-8
 */
export const seats = {
  async used(trx?: TransactionClientContract): Promise<number> {
    const [row] = await User.query({ client: trx })
      .where('role', 'customer')
      .whereIn('status', ['invited', 'active'])
      .count('* as total')
    return Number(row.$extras.total)
  },

  async available(tenant: Tenant, trx?: TransactionClientContract): Promise<boolean> {
    if (tenant.seatLimit === null) return true
    return (await this.used(trx)) < tenant.seatLimit
  },
}
