import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { GrantEditor, tickedRights, type GrantView } from '#actions/documents/document_rights'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { activityLog } from '#services/activity_log'
import { categoryValidator, grantRightsValidator, newGrantValidator } from '#validators/documents'
import CategoryTransformer from '#transformers/documents/category_transformer'

/**
 * DOC-8 / DOC-10: the tenant's categories and the rights each hands to the
 * documents put in it from now on (staff).
 *
 * @spec DOC-8 DOC-10
 */
export default class CategoriesController {
  async index(ctx: HttpContext) {
    const categories = await Category.query().orderBy('name')
    const counts = await db
      .from('documents')
      .where('tenant_id', ctx.tenant.id)
      .whereNotNull('category_id')
      .groupBy('category_id')
      .select('category_id')
      .count('* as total')
    const grants = new Map<number, GrantView[]>()
    for (const category of categories) {
      grants.set(category.id, await this.editor(ctx, category).list())
    }
    const documents = new Map<number, number>(
      counts.map((row) => [row.category_id, Number(row.total)])
    )
    return ctx.inertia.render('admin/categories', {
      categories: CategoryTransformer.transform(categories, { documents, grants }),
    })
  }

  async store(ctx: HttpContext) {
    const { name } = await ctx.request.validateUsing(categoryValidator)
    await this.unique(ctx, name)
    await Category.create({ name })
    Category.forgetOptions(ctx.tenant.id)
    ctx.session.flash('success', ctx.i18n.t('documents.categories.saved', { name }))
    return ctx.response.redirect().back()
  }

  async update(ctx: HttpContext) {
    const category = await this.find(ctx)
    const { name } = await ctx.request.validateUsing(categoryValidator)
    await this.unique(ctx, name, category.id)
    category.merge({ name })
    await category.save()
    Category.forgetOptions(ctx.tenant.id)
    ctx.session.flash('success', ctx.i18n.t('documents.categories.saved', { name }))
    return ctx.response.redirect().back()
  }

  /** Its documents stay, without category (and with the rights they already have). */
  async destroy(ctx: HttpContext) {
    const category = await this.find(ctx)
    await category.delete()
    Category.forgetOptions(ctx.tenant.id)
    ctx.session.flash(
      'success',
      ctx.i18n.t('documents.categories.deleted', { name: category.name })
    )
    return ctx.response.redirect().back()
  }

  async storeGrant(ctx: HttpContext) {
    const category = await this.find(ctx)
    const input = await ctx.request.validateUsing(newGrantValidator)
    await this.editor(ctx, category).add(input.subjectType, input.subject, tickedRights(input))
    return this.done(ctx, category, { added: input.subject })
  }

  async updateGrant(ctx: HttpContext) {
    const category = await this.find(ctx)
    const input = await ctx.request.validateUsing(grantRightsValidator)
    await this.editor(ctx, category).update(Number(ctx.params.grantId), tickedRights(input))
    return this.done(ctx, category, { grant: Number(ctx.params.grantId) })
  }

  async destroyGrant(ctx: HttpContext) {
    const category = await this.find(ctx)
    await this.editor(ctx, category).remove(Number(ctx.params.grantId))
    return this.done(ctx, category, { removed: Number(ctx.params.grantId) })
  }

  protected async find({ params }: HttpContext): Promise<Category> {
    const category = await Category.find(Number(params.id) || 0)
    if (!category) throw new NotFoundException()
    return category
  }

  protected async unique(ctx: HttpContext, name: string, except?: number) {
    const clash = await Category.query()
      .whereRaw('lower(name) = ?', [name.toLowerCase()])
      .if(except, (query) => query.whereNot('id', except!))
      .first()
    if (clash) throw fieldError('name', ctx.i18n.t('documents.categories.exists', { name }))
  }

  protected editor(ctx: HttpContext, category: Category) {
    return new GrantEditor({ kind: 'category', category }, ctx.auth.user!, ctx.i18n)
  }

  protected async done(
    ctx: HttpContext,
    category: Category,
    details: Record<string, string | number>
  ) {
    await activityLog.record({
      type: 'category.rights_changed',
      actor: ctx.auth.user!,
      ip: ctx.request.ip(),
      details: { category: category.name, ...details },
    })
    ctx.session.flash('success', ctx.i18n.t('documents.rights.saved'))
    return ctx.response.redirect().back()
  }
}
