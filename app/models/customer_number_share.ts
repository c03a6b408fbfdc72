import { compose } from '@adonisjs/core/helpers'
import { CustomerNumberShareSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import CustomerNumber from '#models/customer_number'

/**
 * A customer number a shared user may see (ACC-2).
 *
 * @spec ACC-2
 */
export default class CustomerNumberShare extends compose(
  CustomerNumberShareSchema,
  withTenantScope
) {
  @belongsTo(() => CustomerNumber)
  declare customerNumber: BelongsTo<typeof CustomerNumber>
}
