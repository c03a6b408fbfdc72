import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import Invitation from '#models/invitation'
import { seats } from '#services/seats'
import { slotPanels } from '#plugins/slots'
import LicenceTransformer from '#transformers/tenancy/licence_transformer'

/**
 * The admin area's start page: what needs attention and where to go.
 *
 * @spec TEN-8
 */
export default class AdminDashboardController {
  async show(ctx: HttpContext) {
    const { inertia, tenant } = ctx
    const [customers, pending, used] = await Promise.all([
      User.query().where('role', 'customer').where('status', 'active').count('* as total'),
      Invitation.query().where('status', 'pending').count('* as total'),
      seats.used(),
    ])
    return inertia.render('admin/dashboard', {
      activeCustomers: Number(customers[0].$extras.total),
      pendingInvitations: Number(pending[0].$extras.total),
      /** TEN-8: customer logins used and included in the licence. */
      licence: LicenceTransformer.transform(tenant, used),
      /** Cards of the enabled plugins. */
      slots: await slotPanels(ctx, 'admin.dashboard'),
    })
  }
}
