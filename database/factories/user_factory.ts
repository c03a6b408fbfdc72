import factory from '@adonisjs/lucid/factories'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { tenantOwned } from '#database/factories/tenant_owned'

/** The password of every user the factory makes. */
export const PASSWORD = 'correct-horse-battery'

let sequence = 0
let passwordHash: Promise<string> | undefined

/**
 * A user of a tenant (IAM-1): an active customer with a complete profile
 * (IAM-5 sends others to the profile form), a unique address and the
 * password `PASSWORD`. States: `admin`, `staff` (the role), `invited`,
 * `blocked` (the status).
 *
 * ```ts
 * const user = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
 * const admin = await UserFactory.for(tenant).apply('admin').create()
 * ```
 *
 * `password` holds the hash: to give a user another password, call
 * `user.setPassword(...)` and save.
 */
export const UserFactory = tenantOwned(
  factory
    .define(User, async () => {
      sequence += 1
      // Hashed once: scrypt per user would make every test slower.
      passwordHash ??= hash.make(PASSWORD)
      return {
        email: `user${sequence}@example.com`,
        role: 'customer' as const,
        status: 'active' as const,
        locale: null,
        firstName: 'Test',
        lastName: 'User',
        password: await passwordHash,
      }
    })
    .state('admin', (user) => {
      user.role = 'admin'
    })
    .state('staff', (user) => {
      user.role = 'staff'
    })
    .state('invited', (user) => {
      user.status = 'invited'
    })
    .state('blocked', (user) => {
      user.status = 'blocked'
    })
    .build()
)
