import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'
import Tenant from '#models/tenant'
import { RESERVED_SLUGS } from '#services/ops_host'
import User from '#models/user'
import { PasswordReset } from '#actions/identity/password_reset'
import { closeQueues } from '#jobs/queues'
import { checkPortalHost } from '#services/portal_host'
import { isLocale, LOCALES } from '#services/locale'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * `node ace tenant:create <slug> --name "…" --admin <e-mail>`: an operator
 * creates a tenant and its first administrator, who gets an e-mail with a
 * link to choose a password (the password-reset link, valid as long as
 * one). Everything else the administrator sets in the admin area.
 *
 * @spec TEN-1
 */
export default class TenantCreate extends BaseCommand {
  static commandName = 'tenant:create'
  static description =
    'Create a tenant and e-mail its first administrator a link to choose a password'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Slug: the portal answers on <slug>.<TENANT_BASE_DOMAIN>' })
  declare slug: string

  @flags.string({ description: 'Name of the organisation, shown in the portal', required: true })
  declare name: string

  @flags.string({ description: "The first administrator's e-mail address", required: true })
  declare admin: string

  @flags.string({ description: `Default language (${LOCALES.join(', ')})`, default: 'nl' })
  declare locale: string

  @flags.string({ description: 'Its own host, e.g. portal.example.be (optional)' })
  declare host?: string

  @flags.number({ description: 'Customer logins included in the licence (default: no limit)' })
  declare seats?: number

  async run() {
    const slug = this.slug.trim().toLowerCase()
    const email = User.normalizeEmail(this.admin)
    const problems: string[] = []
    if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug)) {
      problems.push('the slug is 1 to 40 lower-case letters, digits and hyphens')
    }
    if ((RESERVED_SLUGS as readonly string[]).includes(slug)) {
      problems.push(`"${slug}" is kept for the platform itself (${RESERVED_SLUGS.join(', ')})`)
    }
    if (!this.name.trim()) problems.push('--name is empty')
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      problems.push(`--admin "${this.admin}" is not an e-mail address`)
    if (!isLocale(this.locale)) problems.push(`--locale is one of ${LOCALES.join(', ')}`)
    if (this.seats !== undefined && (!Number.isInteger(this.seats) || this.seats < 0)) {
      problems.push('--seats is a whole number of customer logins')
    }
    const existing = await tenantContext.runUnscoped('operator command', () =>
      Tenant.findBy('slug', slug)
    )
    if (existing) problems.push(`a tenant "${slug}" exists already`)
    if (problems.length) return this.refuse(problems)

    const tenant = new Tenant()
    tenant.merge({
      slug,
      name: this.name.trim(),
      defaultLocale: this.locale as Tenant['defaultLocale'],
      seatLimit: this.seats ?? null,
    })
    if (this.host) {
      const check = await checkPortalHost(this.host, tenant)
      if (!check.ok) return this.refuse([`--host "${this.host}" is refused (${check.problem})`])
      tenant.customHost = check.host
    }

    const admin = await db.transaction(async (trx) => {
      tenant.useTransaction(trx)
      await tenantContext.runUnscoped('operator command', () => tenant.save())
      return tenantContext.run(tenant.id, () =>
        User.create(
          {
            tenantId: tenant.id,
            email,
            role: 'admin',
            status: 'active',
            locale: tenant.defaultLocale,
          },
          { client: trx }
        )
      )
    })
    try {
      await tenantContext.run(tenant.id, () => new PasswordReset(tenant).sendTo(admin))
    } finally {
      await closeQueues()
    }
    this.logger.success(`Tenant "${slug}" created: ${tenant.url('/')}`)
    this.logger.info(
      `${email} is its administrator; an e-mail with a link to choose a password is on its way (the worker sends it).`
    )
  }

  private refuse(problems: string[]) {
    for (const problem of problems) this.logger.error(problem)
    this.exitCode = 1
  }
}
