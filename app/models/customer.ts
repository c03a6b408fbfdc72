import { compose } from '@adonisjs/core/helpers'
import { CustomerSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import CustomerNumber from '#models/customer_number'

/**
 * A customer of the tenant (a company or a person); it has one or more customer numbers (ACC-1).
 *
 * @spec ACC-1
 */
export default class Customer extends compose(CustomerSchema, withTenantScope) {
  @hasMany(() => CustomerNumber)
  declare numbers: HasMany<typeof CustomerNumber>
}
