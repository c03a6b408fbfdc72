import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { escapeLike } from '#services/sql'
import PortalUserPolicy from '#policies/portal_user_policy'
import { ManagePortalUser } from '#actions/identity/manage_portal_user'
import { NotFoundException } from '#exceptions/not_found_exception'
import { managerValidator } from '#validators/accounts'
import { staffDirectory } from '#services/staff_directory'
import { fieldError } from '#exceptions/user_facing_exception'
import UserAccountTransformer from '#transformers/identity/user_account_transformer'

/**
 * IAM-10: staff list and search portal users and act on one: send a
 * password reset, block or unblock, reset the portal account.
 *
 * @spec IAM-10
 */
export default class UsersController {
  async index({ inertia, request, bouncer }: HttpContext) {
    await bouncer.with(PortalUserPolicy).authorize('viewAny')
    const search = String(request.input('q', '')).trim().slice(0, 100)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    /** A literal search: `%` and `_` typed by the user match themselves. */
    const like = `%${escapeLike(search.toLowerCase())}%`
    const query = User.query()
      .where('role', 'customer')
      .if(search, (matching) =>
        matching.where((match) =>
          match
            .whereRaw(`lower(email) like ? escape '\\'`, [like])
            .orWhereRaw(`lower(first_name) like ? escape '\\'`, [like])
            .orWhereRaw(`lower(last_name) like ? escape '\\'`, [like])
        )
      )
      .orderBy('email')
    const result = await query.paginate(page, 25)
    return inertia.render('admin/users', {
      q: search,
      page: result.currentPage,
      lastPage: result.lastPage,
      total: result.total,
      staff: UserAccountTransformer.transform(await staffDirectory.members()).useVariant(
        'toStaffOption'
      ),
      users: UserAccountTransformer.transform(result.all()),
    })
  }

  async resetPassword(ctx: HttpContext) {
    const target = await this.target(ctx)
    const sent = await this.action(ctx).sendPasswordReset(target)
    ctx.session.flash(
      sent ? 'success' : 'error',
      ctx.i18n.t(sent ? 'admin.users.reset_sent' : 'admin.users.not_active', {
        email: target.email,
      })
    )
    return ctx.response.redirect().back()
  }

  async block(ctx: HttpContext) {
    const target = await this.target(ctx)
    await this.action(ctx).block(target)
    ctx.session.flash('success', ctx.i18n.t('admin.users.blocked', { email: target.email }))
    return ctx.response.redirect().back()
  }

  async unblock(ctx: HttpContext) {
    const target = await this.target(ctx)
    await this.action(ctx).unblock(target)
    ctx.session.flash('success', ctx.i18n.t('admin.users.unblocked', { email: target.email }))
    return ctx.response.redirect().back()
  }

  async resetAccount(ctx: HttpContext) {
    const target = await this.target(ctx)
    await this.action(ctx).resetAccount(target)
    ctx.session.flash('success', ctx.i18n.t('admin.users.account_reset', { email: target.email }))
    return ctx.response.redirect().back()
  }

  /** DOC-9: the portal user's internal manager (told of uploads when the customer has none). */
  async manager(ctx: HttpContext) {
    const target = await this.target(ctx)
    const { managerId } = await ctx.request.validateUsing(managerValidator)
    if (managerId && !(await staffDirectory.isStaff(managerId))) {
      throw fieldError('managerId', ctx.i18n.t('accounts.manager.unknown'))
    }
    target.managerId = managerId ?? null
    await target.save()
    ctx.session.flash('success', ctx.i18n.t('accounts.manager.saved'))
    return ctx.response.redirect().back()
  }

  protected action({ tenant, i18n, auth, request }: HttpContext) {
    return new ManagePortalUser(tenant, i18n, auth.user!, request.ip())
  }

  protected async target({ params, bouncer }: HttpContext): Promise<User> {
    const target = await User.find(Number(params.id))
    if (!target) throw new NotFoundException()
    await bouncer.with(PortalUserPolicy).authorize('manage', target)
    return target
  }
}
