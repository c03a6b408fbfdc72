import { BaseTransformer } from '@adonisjs/core/transformers'
import type Tenant from '#models/tenant'

/** Per tenant id: its active users and its e-mails that failed. */
export interface TenantCounts {
  activeUsers: ReadonlyMap<number, number>
  failedMails: ReadonlyMap<number, number>
}

/**
 * A tenant on the operators' start page (OPS-1): where it answers, how many
 * people use it, what failed lately.
 *
 * @spec OPS-1
 */
export default class TenantOverviewTransformer extends BaseTransformer<Tenant> {
  constructor(
    tenant: Tenant,
    protected counts: TenantCounts
  ) {
    super(tenant)
  }

  toObject() {
    const tenant = this.resource
    return {
      ...this.pick(tenant, ['id', 'slug', 'name']),
      host: tenant.customHost ?? null,
      activeUsers: this.counts.activeUsers.get(tenant.id) ?? 0,
      failedMails: this.counts.failedMails.get(tenant.id) ?? 0,
    }
  }
}
