import OwnedNumberTransformer from '#transformers/accounts/owned_number_transformer'
import SharedUserTransformer from '#transformers/accounts/shared_user_transformer'
import type { HttpContext } from '@adonisjs/core/http'
import { Sharing } from '#actions/accounts/sharing'
import SharingPolicy from '#policies/sharing_policy'
import { NotFoundException } from '#exceptions/not_found_exception'
import {
  emailOnlyValidator,
  sharedUserNumbersValidator,
  sharedUserValidator,
} from '#validators/accounts'

/**
 * ACC-2 / ACC-4: the main contact's shared users and, per user, the
 * customer numbers ticked for them.
 *
 * @spec ACC-2 ACC-4
 */
export default class SharedUsersController {
  async index({ inertia, auth, tenant, i18n, bouncer }: HttpContext) {
    await bouncer.with(SharingPolicy).authorize('manage')
    const { numbers, links, shares } = await new Sharing(tenant, i18n).list(auth.user!)
    return inertia.render('portal/shared_users', {
      numbers: OwnedNumberTransformer.transform(numbers),
      users: SharedUserTransformer.transform(links, shares),
    })
  }

  async store({ request, response, auth, tenant, i18n, bouncer, session }: HttpContext) {
    await bouncer.with(SharingPolicy).authorize('manage')
    const input = await request.validateUsing(sharedUserValidator)
    const user = await new Sharing(tenant, i18n, request.ip()).save(auth.user!, {
      ...input,
      numberIds: input.numberIds ?? [],
    })
    session.flash('success', i18n.t('accounts.share.saved', { email: user.email }))
    return response.redirect().toRoute('shared_users.index')
  }

  async update(ctx: HttpContext) {
    const { request, response, auth, tenant, i18n, bouncer, session } = ctx
    await bouncer.with(SharingPolicy).authorize('manage')
    const sharing = new Sharing(tenant, i18n, request.ip())
    const person = await this.findShared(ctx, sharing)
    const { numberIds } = await request.validateUsing(sharedUserNumbersValidator)
    await sharing.save(auth.user!, { email: person.email, numberIds: numberIds ?? [] })
    session.flash('success', i18n.t('accounts.share.saved', { email: person.email }))
    return response.redirect().toRoute('shared_users.index')
  }

  async changeEmail(ctx: HttpContext) {
    const { request, response, auth, tenant, i18n, bouncer, session } = ctx
    await bouncer.with(SharingPolicy).authorize('manage')
    const sharing = new Sharing(tenant, i18n, request.ip())
    const person = await this.findShared(ctx, sharing)
    const { email } = await request.validateUsing(emailOnlyValidator)
    await sharing.changeEmail(auth.user!, person.id, email)
    session.flash(
      'success',
      i18n.t('accounts.share.email_changed', { from: person.email, to: email })
    )
    return response.redirect().toRoute('shared_users.index')
  }

  async destroy(ctx: HttpContext) {
    const { request, response, auth, tenant, i18n, bouncer, session } = ctx
    await bouncer.with(SharingPolicy).authorize('manage')
    const sharing = new Sharing(tenant, i18n, request.ip())
    const person = await this.findShared(ctx, sharing)
    await sharing.remove(auth.user!, person.id)
    session.flash('success', i18n.t('accounts.share.removed', { email: person.email }))
    return response.redirect().toRoute('shared_users.index')
  }

  /** One of the owner's shared users, else 404 (another user's people stay invisible). */
  protected async findShared({ params, auth }: HttpContext, sharing: Sharing) {
    const { links } = await sharing.list(auth.user!)
    const person = links.find((link) => link.userId === Number(params.id))?.user
    if (!person) throw new NotFoundException()
    return person
  }
}
