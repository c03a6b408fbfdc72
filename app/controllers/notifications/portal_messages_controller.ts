import type { HttpContext } from '@adonisjs/core/http'
import PortalMessage, { PORTAL_MESSAGE_TYPES } from '#models/portal_message'
import PortalMessageTransformer from '#transformers/notifications/portal_message_transformer'
import PortalPageTransformer from '#transformers/notifications/portal_page_transformer'
import { portalMessages, type Actor } from '#actions/notifications/portal_messages'
import { NotFoundException } from '#exceptions/not_found_exception'
import { PORTAL_PAGES } from '#services/portal_pages'
import { RICH_TEXT_MAX_HTML, RICH_TEXT_WARN_CHARS } from '#services/rich_text'
import { moveMessageValidator, portalMessageValidator } from '#validators/portal_messages'

/**
 * TEN-5: the messages a tenant admin puts on portal pages (add, edit,
 * order, delete).
 *
 * @spec TEN-5
 */
export default class PortalMessagesController {
  async index({ inertia, tenant }: HttpContext) {
    const messages = await PortalMessage.query()
      .preload('updatedBy', (user) => user.select('id', 'email', 'first_name', 'last_name'))
      .orderBy('position')
      .orderBy('id')
    return inertia.render('admin/portal_messages', {
      pages: PortalPageTransformer.transform([...PORTAL_PAGES]),
      types: [...PORTAL_MESSAGE_TYPES],
      defaultLocale: tenant.defaultLocale,
      warnChars: RICH_TEXT_WARN_CHARS,
      maxHtml: RICH_TEXT_MAX_HTML,
      // Not `messages` nor `portalMessages`: those are shared props (UI texts, the layout's messages).
      entries: PortalMessageTransformer.transform(messages),
    })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(portalMessageValidator)
    await portalMessages.create(ctx.tenant, input, this.actor(ctx))
    ctx.session.flash('success', ctx.i18n.t('portal_messages.saved'))
    return ctx.response.redirect().toRoute('admin.portal_messages.index')
  }

  async update(ctx: HttpContext) {
    const message = await this.find(ctx)
    const input = await ctx.request.validateUsing(portalMessageValidator)
    await portalMessages.update(ctx.tenant, message, input, this.actor(ctx))
    ctx.session.flash('success', ctx.i18n.t('portal_messages.saved'))
    return ctx.response.redirect().toRoute('admin.portal_messages.index')
  }

  async move(ctx: HttpContext) {
    const message = await this.find(ctx)
    const { direction } = await ctx.request.validateUsing(moveMessageValidator)
    await portalMessages.move(ctx.tenant, message, direction, this.actor(ctx))
    return ctx.response.redirect().toRoute('admin.portal_messages.index')
  }

  async destroy(ctx: HttpContext) {
    const message = await this.find(ctx)
    await portalMessages.remove(ctx.tenant, message, this.actor(ctx))
    ctx.session.flash('success', ctx.i18n.t('portal_messages.deleted'))
    return ctx.response.redirect().toRoute('admin.portal_messages.index')
  }

  protected async find({ params }: HttpContext): Promise<PortalMessage> {
    const message = await PortalMessage.find(Number(params.id) || 0)
    if (!message) throw new NotFoundException()
    return message
  }

  protected actor(ctx: HttpContext): Actor {
    return { user: ctx.auth.user!, ip: ctx.request.ip(), i18n: ctx.i18n }
  }
}
