import { compose } from '@adonisjs/core/helpers'
import hash from '@adonisjs/core/services/hash'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { UserSchema } from '#database/schema'
import Tenant from '#models/tenant'
import { withTenantScope } from '#tenancy/with_tenant_scope'

export type Role = 'admin' | 'staff' | 'customer'
export type Locale = 'en' | 'nl' | 'fr'

/**
 * Somebody who logs in to one tenant's portal: the tenant's people (admin,
 * staff) or a customer. The e-mail is unique within the tenant only.
 *
 * @spec IAM-1
 */
export default class User extends compose(UserSchema, withTenantScope) {
  @belongsTo(() => Tenant)
  declare tenant: BelongsTo<typeof Tenant>

  /**
   * A hash to verify against when no user matched, so a login for an unknown
   * address takes as long as one with a wrong password.
   */
  static #dummyHash: Promise<string> | undefined

  static normalizeEmail(email: string): string {
    return email.trim().toLowerCase()
  }

  /**
   * The active user of the current tenant with these credentials, or null.
   * Constant-time with respect to whether the address exists.
   */
  static async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.query().where('email', this.normalizeEmail(email)).first()
    if (!user || !user.password) {
      this.#dummyHash ??= hash.make('not-a-real-password')
      await hash.verify(await this.#dummyHash, password)
      return null
    }
    return (await hash.verify(user.password, password)) ? user : null
  }

  get isStaff(): boolean {
    return this.role === 'admin' || this.role === 'staff'
  }

  get isAdmin(): boolean {
    return this.role === 'admin'
  }

  get fullName(): string | null {
    const name = [this.firstName, this.lastName].filter(Boolean).join(' ')
    return name || null
  }

  async setPassword(plain: string) {
    this.password = await hash.make(plain)
  }
}
