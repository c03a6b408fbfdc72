import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * OPS-1: the operators' start page: every tenant with its people and what
 * failed lately, and the doors to the queues and the workflows.
 *
 * @spec OPS-1
 */
export default class OpsDashboardController {
  async show({ inertia, operator }: HttpContext) {
    const tenants = await tenantContext.runUnscoped('operators see every tenant', async () => {
      const rows = await db
        .from('tenants')
        .select('id', 'slug', 'name', 'custom_host')
        .orderBy('slug')
        .limit(500)
      const users = await db
        .from('users')
        .where('status', 'active')
        .groupBy('tenant_id')
        .select('tenant_id')
        .count('* as total')
      const failedMails = await db
        .from('mail_deliveries')
        .where('status', 'failed')
        .groupBy('tenant_id')
        .select('tenant_id')
        .count('* as total')
      const count = (list: { tenant_id: number; total: number | string }[], id: number) =>
        Number(list.find((row) => row.tenant_id === id)?.total ?? 0)
      return rows.map((row) => ({
        id: row.id as number,
        slug: row.slug as string,
        name: row.name as string,
        host: (row.custom_host as string | null) ?? null,
        activeUsers: count(users, row.id),
        failedMails: count(failedMails, row.id),
      }))
    })
    return inertia.render('ops/dashboard', {
      operator: { email: operator!.email },
      tenants,
    })
  }
}
