import { compose } from '@adonisjs/core/helpers'
import { RegistrationSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import CustomerNumber from '#models/customer_number'

/**
 * A self-registration waiting for its confirmation e-mail (IAM-9).
 *
 * @spec IAM-9
 */
export default class Registration extends compose(RegistrationSchema, withTenantScope) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => CustomerNumber)
  declare customerNumber: BelongsTo<typeof CustomerNumber>
}
