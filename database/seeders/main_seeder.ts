import { readFileSync } from 'node:fs'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#models/tenant'
import Operator from '#models/operator'
import User, { type Locale, type Role } from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import SharedUser from '#models/shared_user'
import { seedDemoDocuments } from '#database/demo_documents'
import { seedDemoBranding } from '#database/demo_branding'
import { seedDemoPortalMessages } from '#database/demo_portal_messages'
import { closeQueues } from '#jobs/queues'
import { seedPlugins } from '#plugins/data'
import CustomerNumberShare from '#models/customer_number_share'

interface DemoData {
  tenants: {
    slug: string
    name: string
    defaultLocale: Locale
    primaryColor: string
    secondaryColor: string
    registrationStyles?: string
    customerNumberPattern?: string
    seatLimit?: number
    supportEmail?: string
    websiteUrl?: string
    supportPhone?: string
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
  /** ACC-1: customers with their numbers and main contact. */
  customers: {
    tenant: string
    name: string
    mainContact: string
    /** DOC-9: the staff member told of this customer's uploads. */
    manager?: string
    numbers: { number: string; contactEmail?: string; notifyMode?: 'link' | 'attachment' }[]
  }[]
  /** ACC-2: numbers a main contact ticked for a shared user. */
  shares: { tenant: string; owner: string; user: string; numbers: string[] }[]
  /** OPS-1: platform operators (two-step verification set up at their first login). */
  operators?: { email: string; password: string }[]
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

    for (const data of demo.operators ?? []) {
      if (await Operator.findBy('email', data.email)) continue
      const operator = new Operator()
      operator.email = data.email
      await operator.setPassword(data.password)
      await operator.save()
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

    for (const data of demo.customers) {
      await this.inTenant(data.tenant, async (tenant) => {
        const contact = await User.findByOrFail('email', data.mainContact)
        const manager = data.manager ? await User.findByOrFail('email', data.manager) : null
        const customer = await Customer.firstOrCreate(
          { name: data.name },
          { tenantId: tenant.id, name: data.name, managerId: manager?.id ?? null }
        )
        for (const entry of data.numbers) {
          await CustomerNumber.firstOrCreate(
            { number: entry.number },
            {
              tenantId: tenant.id,
              customerId: customer.id,
              number: entry.number,
              mainContactId: contact.id,
              contactEmail: entry.contactEmail ?? null,
              notifyMode: entry.notifyMode ?? 'link',
            }
          )
        }
      })
    }

    for (const share of demo.shares) {
      await this.inTenant(share.tenant, async (tenant) => {
        const owner = await User.findByOrFail('email', share.owner)
        const user = await User.findByOrFail('email', share.user)
        await SharedUser.firstOrCreate(
          { ownerId: owner.id, userId: user.id },
          { tenantId: tenant.id, ownerId: owner.id, userId: user.id }
        )
        for (const number of share.numbers) {
          const row = await CustomerNumber.findByOrFail('number', number)
          await CustomerNumberShare.firstOrCreate(
            { customerNumberId: row.id, userId: user.id },
            {
              tenantId: tenant.id,
              customerNumberId: row.id,
              userId: user.id,
              grantedById: owner.id,
            }
          )
        }
      })
    }

    await seedDemoBranding('demo')
    await seedDemoPortalMessages('demo')
    // Installed plugins: enabled on the demo tenant, their own demo data.
    await seedPlugins('demo')
    await this.documents()
  }

  protected async documents() {
    try {
      await seedDemoDocuments('demo', 100)
    } finally {
      // The queues' Redis connections would keep the seeding process alive.
      await closeQueues()
    }
  }

  protected async inTenant(slug: string, work: (tenant: Tenant) => Promise<void>) {
    const tenant = await tenantContext.runUnscoped('seed demo data', () =>
      Tenant.findByOrFail('slug', slug)
    )
    await tenantContext.run(tenant.id, () => work(tenant))
  }
}
