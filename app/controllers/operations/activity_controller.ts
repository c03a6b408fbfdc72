import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Customer from '#models/customer'
import { activityPage } from '#services/activity_feed'
import ActivityEventPolicy from '#policies/activity_event_policy'
import ActivityEventTransformer from '#transformers/operations/activity_event_transformer'
import CustomerTransformer from '#transformers/accounts/customer_transformer'

/**
 * TEN-9: the tenant's activity log for its staff, optionally narrowed to
 * one person (by e-mail) or one customer (shares, registrations, hand-overs).
 *
 * @spec TEN-9
 */
export default class ActivityController {
  async index({ inertia, request, bouncer }: HttpContext) {
    await bouncer.with(ActivityEventPolicy).authorize('viewTenantLog')
    const email = String(request.input('email', '')).trim().toLowerCase()
    const customerId = Number(request.input('customer', 0)) || null
    const customer = customerId ? await Customer.find(customerId) : null
    const person = email ? await User.findBy('email', email) : null
    const feed = await activityPage(Number(request.input('page', 1)) || 1, (query) => {
      if (customer) void query.where('customer_id', customer.id)
      if (!email) return query
      if (!person) return query.where('email', email)
      return query.where((about) =>
        about
          .where('target_user_id', person.id)
          .orWhere('actor_id', person.id)
          .orWhere('email', email)
      )
    })
    return inertia.render('admin/activity', {
      events: ActivityEventTransformer.transform(feed.events),
      page: feed.page,
      lastPage: feed.lastPage,
      email,
      customer: customer ? CustomerTransformer.transform(customer).useVariant('toReference') : null,
    })
  }
}
