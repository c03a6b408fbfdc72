import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/**
 * A user account as other pages than the layout see it (the layout's
 * logged-in user is `UserTransformer`): a line of the staff's user list
 * (IAM-10), the account's own profile form (IAM-5, `toProfile`) and a staff
 * member offered as responsible manager (DOC-9, `toStaffOption`).
 *
 * @spec IAM-5 IAM-10 DOC-9
 */
export default class UserAccountTransformer extends BaseTransformer<User> {
  toObject() {
    const user = this.resource
    return {
      ...this.pick(user, ['id', 'managerId', 'email', 'status']),
      name: user.fullName,
      twoStep: !!user.totpEnabledAt,
      lastLoginAt: user.lastLoginAt?.toISO() ?? null,
    }
  }

  toProfile() {
    return this.pick(this.resource, ['firstName', 'lastName', 'locale'])
  }

  toStaffOption() {
    return { id: this.resource.id, name: this.resource.fullName ?? this.resource.email }
  }
}
