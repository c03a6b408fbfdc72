import { readFileSync } from 'node:fs'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#models/tenant'
import User, { type Locale, type Role } from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'

interface DemoData {
  tenants: {
    slug: string
    name: string
    defaultLocale: Locale
    primaryColor: string
    secondaryColor: string
  }[]
  logins: {
    tenant: string
    email: string
    password: string
    role: Role
    firstName: string
    lastName: string
    locale: Locale
  }[]
}

/**
 * The demo tenants and logins (also printed by `npm start` and listed in the
 * README), read from demo.json so there is one list.
 */
export const demo: DemoData = JSON.parse(
  readFileSync(new URL('../demo.json', import.meta.url), 'utf8')
)

/**
 * Demo data for `npm start`. Idempotent: it only creates what is missing, so
 * a second start keeps every change made in the meantime.
 */
export default class MainSeeder extends BaseSeeder {
  async run() {
    for (const data of demo.tenants) {
      await tenantContext.runUnscoped('seed demo data', () =>
        Tenant.firstOrCreate({ slug: data.slug }, data)
      )
    }

    for (const login of demo.logins) {
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
