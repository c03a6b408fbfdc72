import type { HttpContext } from '@adonisjs/core/http'
import Category from '#models/category'
import type Document from '#models/document'
import { findDocument } from '#actions/documents/find_document'
import { documentRights, GrantEditor, tickedRights } from '#actions/documents/document_rights'
import { fieldError } from '#exceptions/user_facing_exception'
import { activityLog } from '#services/activity_log'
import {
  audienceValidator,
  classifyValidator,
  grantRightsValidator,
  newGrantValidator,
} from '#validators/documents'

/**
 * DOC-7 / DOC-10: a document's rights tab (for whoever may change its
 * security) and its category (staff only).
 *
 * @spec DOC-7 DOC-10
 */
export default class DocumentRightsController {
  async audience(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id, 'changeSecurity')
    const { audience } = await ctx.request.validateUsing(audienceValidator)
    document.merge({ audience, updatedById: ctx.auth.user!.id })
    await document.save()
    return this.done(ctx, document, { audience })
  }

  async storeGrant(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id, 'changeSecurity')
    const input = await ctx.request.validateUsing(newGrantValidator)
    await this.editor(ctx, document).add(input.subjectType, input.subject, tickedRights(input))
    return this.done(ctx, document, { added: input.subject })
  }

  async updateGrant(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id, 'changeSecurity')
    const input = await ctx.request.validateUsing(grantRightsValidator)
    await this.editor(ctx, document).update(Number(ctx.params.grantId), tickedRights(input))
    return this.done(ctx, document, { grant: Number(ctx.params.grantId) })
  }

  async destroyGrant(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id, 'changeSecurity')
    await this.editor(ctx, document).remove(Number(ctx.params.grantId))
    return this.done(ctx, document, { removed: Number(ctx.params.grantId) })
  }

  async classify(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id, 'classify')
    const { categoryId } = await ctx.request.validateUsing(classifyValidator)
    if (categoryId && !(await Category.find(categoryId))) {
      throw fieldError('categoryId', ctx.i18n.t('documents.rights.unknown_category'))
    }
    await documentRights.classify(document, categoryId ?? null, ctx.auth.user!)
    await activityLog.record({
      type: 'document.classified',
      actor: ctx.auth.user!,
      ip: ctx.request.ip(),
      details: { document: document.number ?? document.title, category: categoryId ?? null },
    })
    ctx.session.flash('success', ctx.i18n.t('documents.rights.saved'))
    return ctx.response.redirect().back()
  }

  protected editor(ctx: HttpContext, document: Document) {
    return new GrantEditor({ kind: 'document', document }, ctx.auth.user!, ctx.i18n)
  }

  protected async done(
    ctx: HttpContext,
    document: Document,
    details: Record<string, string | number>
  ) {
    document.merge({ updatedById: ctx.auth.user!.id })
    await document.save()
    await activityLog.record({
      type: 'document.rights_changed',
      actor: ctx.auth.user!,
      ip: ctx.request.ip(),
      details: { document: document.number ?? document.title, ...details },
    })
    ctx.session.flash('success', ctx.i18n.t('documents.rights.saved'))
    return ctx.response.redirect().back()
  }
}
