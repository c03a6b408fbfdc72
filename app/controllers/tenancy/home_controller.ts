import VisibleNumberTransformer from '#transformers/accounts/visible_number_transformer'
import type { HttpContext } from '@adonisjs/core/http'
import { customerAccess } from '#actions/accounts/customer_access'
import { slotPanels } from '#plugins/slots'

/**
 * The portal home a user lands on after logging in: with, for a customer,
 * every customer number the login reaches (IAM-11).
 *
 * @spec IAM-11
 */
export default class HomeController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.user!
    return ctx.inertia.render('portal/home', {
      customerNumbers: VisibleNumberTransformer.transform(
        user.role === 'customer' ? await customerAccess.visibleNumbers(user) : []
      ),
      /** Overview cards of the enabled plugins. */
      slots: await slotPanels(ctx, 'portal.home'),
    })
  }
}
