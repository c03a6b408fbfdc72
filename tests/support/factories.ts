import Tenant from '#models/tenant'
import User, { type Locale, type Role } from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { TenantResolver } from '#tenancy/tenant_resolver'

let counter = 0

/**
 * A tenant with a unique slug (tests run against one shared database).
 */
export async function createTenant(overrides: Partial<Tenant> = {}): Promise<Tenant> {
  counter += 1
  const slug = overrides.slug ?? `t${Date.now().toString(36)}${counter}`
  TenantResolver.flush()
  return tenantContext.runUnscoped('test fixture', () =>
    Tenant.create({
      slug,
      name: `Tenant ${slug}`,
      defaultLocale: 'en',
      primaryColor: '#1d4ed8',
      secondaryColor: '#0f766e',
      invitationTtlSeconds: 5 * 24 * 3600,
      ...overrides,
    })
  )
}

/**
 * An active user of a tenant, with a known password and a complete profile.
 */
export async function createUser(
  tenant: Tenant,
  options: {
    email?: string
    password?: string
    role?: Role
    locale?: Locale
    status?: User['status']
    firstName?: string | null
    lastName?: string | null
  } = {}
): Promise<User> {
  counter += 1
  return tenantContext.run(tenant.id, async () => {
    const user = new User()
    user.merge({
      tenantId: tenant.id,
      email: options.email ?? `user${counter}@example.com`,
      role: options.role ?? 'customer',
      status: options.status ?? 'active',
      locale: options.locale ?? null,
      // A complete profile, unless a test asks otherwise (IAM-5 sends others to the form).
      firstName: options.firstName === undefined ? 'Test' : options.firstName,
      lastName: options.lastName === undefined ? 'User' : options.lastName,
    })
    await user.setPassword(options.password ?? 'correct-horse-battery')
    await user.save()
    return user
  })
}

export const PASSWORD = 'correct-horse-battery'
