import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Invitation from '#models/invitation'

/**
 * The admin area's start page: what needs attention and where to go.
 */
export default class DashboardController {
  async show({ inertia }: HttpContext) {
    const [customers, pending] = await Promise.all([
      User.query().where('role', 'customer').where('status', 'active').count('* as total'),
      Invitation.query().where('status', 'pending').count('* as total'),
    ])
    return inertia.render('admin/dashboard', {
      activeCustomers: Number(customers[0].$extras.total),
      pendingInvitations: Number(pending[0].$extras.total),
    })
  }
}
