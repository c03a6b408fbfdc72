import { compose } from '@adonisjs/core/helpers'
import { CustomerNumberSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Customer from '#models/customer'
import User from '#models/user'

/**
 * One customer number (e.g. DL2…) with its main contact (ACC-1).
 *
 * @spec ACC-1
 */
export default class CustomerNumber extends compose(CustomerNumberSchema, withTenantScope) {
  @belongsTo(() => Customer)
  declare customer: BelongsTo<typeof Customer>

  @belongsTo(() => User, { foreignKey: 'mainContactId' })
  declare mainContact: BelongsTo<typeof User>

  static normalize(number: string): string {
    return number.replace(/\s+/g, '').toUpperCase()
  }

  /** The tenant's customer number as a person or a back office typed it. */
  static findByNumber(typed: string) {
    return this.findBy('number', this.normalize(typed))
  }
}
