import { BaseTransformer } from '@adonisjs/core/transformers'
import type PortalMessage from '#models/portal_message'
import type { PortalMessageType } from '#models/portal_message'

/**
 * A portal message in the admin's list (TEN-5): every language's stored
 * (sanitised) HTML, for the editor.
 *
 * @spec TEN-5
 */
export default class PortalMessageTransformer extends BaseTransformer<PortalMessage> {
  toObject() {
    const message = this.resource
    return {
      id: message.id,
      page: message.page,
      type: message.type as PortalMessageType,
      position: message.position,
      bodies: message.bodies,
      updatedAt: message.updatedAt.toISO()!,
      updatedBy: message.updatedBy ? (message.updatedBy.fullName ?? message.updatedBy.email) : null,
    }
  }
}
