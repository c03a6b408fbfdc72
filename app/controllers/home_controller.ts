import type { HttpContext } from '@adonisjs/core/http'
import { customerAccess } from '#actions/accounts/customer_access'

/**
 * The portal home a user lands on after logging in: with, for a customer,
 * every customer number the login reaches (IAM-11).
 */
export default class HomeController {
  async show({ inertia, auth }: HttpContext) {
    const user = auth.user!
    return inertia.render('portal/home', {
      customerNumbers: user.role === 'customer' ? await customerAccess.visibleNumbers(user) : [],
    })
  }
}
