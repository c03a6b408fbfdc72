import type { HttpContext } from '@adonisjs/core/http'
import { MailTemplateEditor } from '#actions/notifications/mail_template_editor'
import { NotFoundException } from '#exceptions/not_found_exception'
import { isMailTemplate, type MailTemplateName } from '#mails/templates'
import { activityLog } from '#services/activity_log'
import { isLocale, LOCALES, type Locale } from '#services/locale'
import { mailTemplateValidator } from '#validators/mail_templates'
import MailLanguageTransformer from '#transformers/notifications/mail_language_transformer'
import MailTemplateDraftTransformer from '#transformers/notifications/mail_template_draft_transformer'
import MailTemplateTransformer from '#transformers/notifications/mail_template_transformer'

/**
 * TEN-6: the tenant's e-mail templates per language, for tenant admins:
 * list, edit with the variables and a preview, send a test to oneself,
 * reset to the default.
 *
 * @spec TEN-6
 */
export default class MailTemplatesController {
  async index({ inertia, tenant, i18n }: HttpContext) {
    const editor = new MailTemplateEditor(tenant, i18n)
    return inertia.render('admin/mail_templates', {
      templates: MailTemplateTransformer.transform(await editor.list()),
      languages: MailLanguageTransformer.transform([...LOCALES], i18n),
      editing: null,
    })
  }

  async edit(ctx: HttpContext) {
    const { name, locale } = this.template(ctx)
    const editor = new MailTemplateEditor(ctx.tenant, ctx.i18n)
    return ctx.inertia.render('admin/mail_templates', {
      templates: MailTemplateTransformer.transform(await editor.list()),
      languages: MailLanguageTransformer.transform([...LOCALES], ctx.i18n),
      editing: MailTemplateDraftTransformer.transform(await editor.edit(name, locale)),
    })
  }

  async update(ctx: HttpContext) {
    const { name, locale } = this.template(ctx)
    const input = await ctx.request.validateUsing(mailTemplateValidator)
    const editor = new MailTemplateEditor(ctx.tenant, ctx.i18n)
    const { htmlRemoved } = await editor.save(name, locale, input, ctx.auth.user!)
    await this.record(ctx, 'mail_template.updated', name, locale)
    ctx.session.flash(
      'success',
      ctx.i18n.t(htmlRemoved ? 'mail_templates.saved_html_removed' : 'mail_templates.saved', {
        name: editor.label(name),
        language: editor.language(locale),
      })
    )
    return ctx.response.redirect().toRoute('admin.mail_templates.edit', { name, locale })
  }

  async reset(ctx: HttpContext) {
    const { name, locale } = this.template(ctx)
    const editor = new MailTemplateEditor(ctx.tenant, ctx.i18n)
    if (await editor.reset(name, locale)) {
      await this.record(ctx, 'mail_template.reset', name, locale)
    }
    ctx.session.flash(
      'success',
      ctx.i18n.t('mail_templates.reset', {
        name: editor.label(name),
        language: editor.language(locale),
      })
    )
    return ctx.response.redirect().toRoute('admin.mail_templates.edit', { name, locale })
  }

  /** JSON for the editor's preview: the unsaved text, filled in with sample data. */
  async preview(ctx: HttpContext) {
    const { name, locale } = this.template(ctx)
    const input = await ctx.request.validateUsing(mailTemplateValidator)
    const editor = new MailTemplateEditor(ctx.tenant, ctx.i18n)
    const { subject, html } = await editor.preview(name, locale, input)
    return { subject, html }
  }

  async test(ctx: HttpContext) {
    const { name, locale } = this.template(ctx)
    const input = await ctx.request.validateUsing(mailTemplateValidator)
    const editor = new MailTemplateEditor(ctx.tenant, ctx.i18n)
    await editor.sendTest(name, locale, input, ctx.auth.user!)
    ctx.session.flash(
      'success',
      ctx.i18n.t('mail_templates.test_sent', { email: ctx.auth.user!.email })
    )
    return ctx.response.redirect().back()
  }

  protected template({ params }: HttpContext): { name: MailTemplateName; locale: Locale } {
    const name = String(params.name)
    const locale = String(params.locale)
    if (!isMailTemplate(name) || !isLocale(locale)) throw new NotFoundException()
    return { name, locale }
  }

  protected async record(
    { auth, request }: HttpContext,
    type: 'mail_template.updated' | 'mail_template.reset',
    name: MailTemplateName,
    locale: Locale
  ) {
    await activityLog.record({
      type,
      actor: auth.user!,
      ip: request.ip(),
      details: { template: name, locale },
    })
  }
}
