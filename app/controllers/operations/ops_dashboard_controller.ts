import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import OperatorTransformer from '#transformers/operations/operator_transformer'
import TenantOverviewTransformer from '#transformers/operations/tenant_overview_transformer'

/**
 * OPS-1: the operators' start page: every tenant with its people and what
 * failed lately, and the doors to the queues and the workflows.
 *
 * @spec OPS-1
 */
export default class OpsDashboardController {
  async show({ inertia, operator }: HttpContext) {
    const { tenants, counts } = await tenantContext.runUnscoped(
      'operators see every tenant',
      async () => ({
        tenants: await Tenant.query().orderBy('slug').limit(500),
        counts: {
          activeUsers: await countPerTenant(db.from('users').where('status', 'active')),
          failedMails: await countPerTenant(db.from('mail_deliveries').where('status', 'failed')),
        },
      })
    )
    return inertia.render('ops/dashboard', {
      operator: OperatorTransformer.transform(operator!),
      tenants: TenantOverviewTransformer.transform(tenants, counts),
    })
  }
}

/** Rows of the query per tenant id. */
async function countPerTenant(query: DatabaseQueryBuilderContract) {
  const rows = await query.groupBy('tenant_id').select('tenant_id').count('* as total')
  return new Map<number, number>(rows.map((row) => [Number(row.tenant_id), Number(row.total)]))
}
