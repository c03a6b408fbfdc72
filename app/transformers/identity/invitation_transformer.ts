import { BaseTransformer } from '@adonisjs/core/transformers'
import type Invitation from '#models/invitation'

/**
 * An invitation in the admin's list (IAM-8): to whom, its state, when it
 * was sent and when its link stops working.
 *
 * @spec IAM-8
 */
export default class InvitationTransformer extends BaseTransformer<Invitation> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'status']),
      email: this.resource.user.email,
      name: this.resource.user.fullName,
      createdAt: this.resource.createdAt.toISO()!,
      expiresAt: this.resource.expiresAt.toISO()!,
    }
  }
}
