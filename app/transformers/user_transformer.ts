import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/**
 * The logged-in user as pages see it (never the password hash).
 */
export default class UserTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'email', 'firstName', 'lastName', 'role', 'locale']),
      fullName: this.resource.fullName,
      twoStepEnabled: !!this.resource.totpEnabledAt,
    }
  }
}
