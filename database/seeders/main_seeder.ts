import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#models/tenant'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * Demo data for `npm start`. Idempotent: it only creates what is missing, so
 * a second start keeps every change made in the meantime. The logins are
 * printed by `npm start` and listed in the README.
 */
export const DEMO_LOGINS = [
  { tenant: 'demo', email: 'admin@demo.example', password: 'demo-admin-2026', role: 'admin' as const, firstName: 'Ada', lastName: 'Admin', locale: 'en' as const },
  { tenant: 'demo', email: 'customer@demo.example', password: 'demo-customer-2026', role: 'customer' as const, firstName: 'Chris', lastName: 'Customer', locale: 'nl' as const },
  { tenant: 'acme', email: 'admin@acme.example', password: 'acme-admin-2026', role: 'admin' as const, firstName: 'Alex', lastName: 'Acme', locale: 'fr' as const },
]

const DEMO_TENANTS = [
  { slug: 'demo', name: 'Demo Leasing', defaultLocale: 'nl' as const, primaryColor: '#1d4ed8', secondaryColor: '#0f766e' },
  { slug: 'acme', name: 'Acme Utilities', defaultLocale: 'fr' as const, primaryColor: '#b45309', secondaryColor: '#7c3aed' },
]

export default class MainSeeder extends BaseSeeder {
  async run() {
    await tenantContext.runUnscoped('seed demo data', async () => {
      for (const data of DEMO_TENANTS) {
        await Tenant.firstOrCreate({ slug: data.slug }, data)
      }
    })

    for (const login of DEMO_LOGINS) {
      const tenant = await tenantContext.runUnscoped('seed demo data', () =>
        Tenant.findByOrFail('slug', login.tenant)
      )
      await tenantContext.run(tenant.id, async () => {
        if (await User.query().where('email', login.email).first()) return
        const user = new User()
        user.merge({
          tenantId: tenant.id,
          email: login.email,
          role: login.role,
          status: 'active',
          firstName: login.firstName,
          lastName: login.lastName,
          locale: login.locale,
        })
        await user.setPassword(login.password)
        await user.save()
      })
    }
  }
}
