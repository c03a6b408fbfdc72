import type { HttpContext } from '@adonisjs/core/http'
import Invitation from '#models/invitation'
import User from '#models/user'
import { activityLog } from '#services/activity_log'
import InvitationTransformer from '#transformers/identity/invitation_transformer'
import { InviteCustomer } from '#actions/identity/invite_customer'
import { inviteCustomerValidator } from '#validators/auth'
import InvitationPolicy from '#policies/invitation_policy'

/**
 * IAM-8, the admin's side: invite a customer by e-mail; see recent
 * invitations and their state.
 *
 * @spec IAM-8
 */
export default class InvitationsController {
  async index({ inertia, tenant, bouncer }: HttpContext) {
    await bouncer.with(InvitationPolicy).authorize('viewAny')
    const invitations = await Invitation.query().preload('user').orderBy('id', 'desc').limit(50)
    return inertia.render('admin/invitations', {
      invitations: InvitationTransformer.transform(invitations),
      validityDays: Math.round((tenant.invitationTtlSeconds / 86400) * 10) / 10,
    })
  }

  async store({ request, response, session, auth, tenant, i18n, bouncer }: HttpContext) {
    await bouncer.with(InvitationPolicy).authorize('create')
    const payload = await request.validateUsing(inviteCustomerValidator)
    const invitation = await new InviteCustomer(tenant, i18n).handle(payload, auth.user!)
    await activityLog.record({
      type: 'invitation.sent',
      actor: auth.user!,
      target: await User.findOrFail(invitation.userId),
      ip: request.ip(),
    })
    session.flash('success', i18n.t('admin.invite.sent', { email: payload.email }))
    return response.redirect().toRoute('admin.invitations.index')
  }
}
