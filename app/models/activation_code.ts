import { compose } from '@adonisjs/core/helpers'
import { ActivationCodeSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import CustomerNumber from '#models/customer_number'

/**
 * A single-use activation code for self-registration (IAM-9).
 *
 * @spec IAM-9
 */
export default class ActivationCode extends compose(ActivationCodeSchema, withTenantScope) {
  @belongsTo(() => CustomerNumber)
  declare customerNumber: BelongsTo<typeof CustomerNumber>
}
