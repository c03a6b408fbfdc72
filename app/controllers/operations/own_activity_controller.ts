import type { HttpContext } from '@adonisjs/core/http'
import { activityPage } from '#services/activity_feed'
import ActivityEventTransformer from '#transformers/operations/activity_event_transformer'

/**
 * TEN-9: the events of the user's own account (logins, two-step and
 * password changes), newest first.
 *
 * @spec TEN-9
 */
export default class OwnActivityController {
  async show({ inertia, auth, request }: HttpContext) {
    const user = auth.user!
    const feed = await activityPage(Number(request.input('page', 1)) || 1, (query) =>
      query.where((own) => own.where('target_user_id', user.id).orWhere('actor_id', user.id))
    )
    return inertia.render('account/activity', {
      events: ActivityEventTransformer.transform(feed.events),
      page: feed.page,
      lastPage: feed.lastPage,
    })
  }
}
