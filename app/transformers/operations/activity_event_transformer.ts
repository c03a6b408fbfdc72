import { BaseTransformer } from '@adonisjs/core/transformers'
import type ActivityEvent from '#models/activity_event'

/**
 * One line of the activity log (TEN-9), for the tenant's log and the user's
 * own: what happened, when, who did it to whom (a name, else the e-mail)
 * and from where. `actor` and `target` are preloaded.
 *
 * @spec TEN-9
 */
export default class ActivityEventTransformer extends BaseTransformer<ActivityEvent> {
  toObject() {
    const event = this.resource
    return {
      id: event.id,
      type: event.type,
      at: event.createdAt.toISO(),
      actor: event.actor ? (event.actor.fullName ?? event.actor.email) : null,
      target: event.target ? (event.target.fullName ?? event.target.email) : null,
      email: event.email,
      ip: event.ip,
    }
  }
}
