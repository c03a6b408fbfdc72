/** @spec TEN-9 */
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import ActivityEvent from '#models/activity_event'

const PER_PAGE = 50

/**
 * A page of the activity log as pages show it, newest first.
 */
export async function activityPage(
  page: number,
  narrow: (query: ModelQueryBuilderContract<typeof ActivityEvent>) => unknown
) {
  const query = ActivityEvent.query()
    .preload('actor', (actor) => actor.select('id', 'email', 'first_name', 'last_name'))
    .preload('target', (target) => target.select('id', 'email', 'first_name', 'last_name'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  narrow(query)
  const result = await query.paginate(Math.max(1, page), PER_PAGE)
  return {
    events: result.all().map((event) => ({
      id: event.id,
      type: event.type,
      at: event.createdAt.toISO(),
      actor: event.actor ? (event.actor.fullName ?? event.actor.email) : null,
      target: event.target ? (event.target.fullName ?? event.target.email) : null,
      email: event.email,
      ip: event.ip,
    })),
    page: result.currentPage,
    lastPage: result.lastPage,
  }
}
