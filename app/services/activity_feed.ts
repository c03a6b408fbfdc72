/** @spec TEN-9 */
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import ActivityEvent from '#models/activity_event'

const PER_PAGE = 50

/**
 * A page of the activity log (TEN-9), newest first, with who did it and to
 * whom preloaded (the pages show them through `ActivityEventTransformer`).
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
  return { events: result.all(), page: result.currentPage, lastPage: result.lastPage }
}
