import { BaseTransformer } from '@adonisjs/core/transformers'
import type Tenant from '#models/tenant'

/**
 * The tenant's licence (TEN-8): customer logins used (`used`, counted by
 * `seats.used()`) and included (null: no limit).
 *
 * @spec TEN-8
 */
export default class LicenceTransformer extends BaseTransformer<Tenant> {
  constructor(
    tenant: Tenant,
    protected used: number
  ) {
    super(tenant)
  }

  toObject() {
    return { used: this.used, included: this.resource.seatLimit }
  }
}
