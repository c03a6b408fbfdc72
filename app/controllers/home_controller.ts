import type { HttpContext } from '@adonisjs/core/http'

/**
 * The portal home a user lands on after logging in.
 */
export default class HomeController {
  async show({ inertia }: HttpContext) {
    return inertia.render('portal/home', {})
  }
}
