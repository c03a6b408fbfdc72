import app from '@adonisjs/core/services/app'
import { wantsJson } from '#exceptions/wants_json'
import i18nManager from '@adonisjs/i18n/services/main'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { pickLocale } from '#services/locale'

/**
 * Turns errors into answers a person understands, in their language: a
 * status page for browsers, `{ code, message }` for JSON callers. Stack
 * traces only in development.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  protected renderStatusPages = true

  /**
   * Answers that are part of normal use are not logged as errors.
   */
  protected ignoreStatuses = [400, 401, 403, 404, 405, 409, 410, 422, 429]

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => this.statusPage(403, error, ctx),
    '404': (error, ctx) => this.statusPage(404, error, ctx),
    '429': (error, ctx) => this.statusPage(429, error, ctx),
    ...(app.inProduction || app.inTest
      ? { '500..599': (error: unknown, ctx: HttpContext) => this.statusPage(500, error, ctx) }
      : {}),
  }

  /**
   * The request's translator, even when the error came before the locale
   * middleware ran (unknown host, unknown route).
   */
  protected i18n(ctx: HttpContext) {
    if (ctx.i18n) return ctx.i18n
    return i18nManager.locale(
      pickLocale({ acceptLanguage: ctx.request.languages(), tenantDefault: 'en' })
    )
  }

  protected async statusPage(status: number, error: any, ctx: HttpContext) {
    const i18n = this.i18n(ctx)
    const key = error?.code === 'E_UNKNOWN_TENANT' ? 'unknown_tenant' : String(status)
    const title = i18n.t(`errors.pages.${key}.title`)
    const message = i18n.t(`errors.pages.${key}.message`)

    if (wantsJson(ctx)) {
      return ctx.response
        .status(status)
        .send({ code: error?.code ?? `E_HTTP_${status}`, message: title })
    }
    return ctx.response.status(status).send(
      await ctx.view.render('errors/status', {
        status,
        title,
        message,
        locale: i18n.locale,
        homeLabel: i18n.t('errors.pages.home'),
        showHome: key !== 'unknown_tenant',
      })
    )
  }

  /**
   * A form whose CSRF token is missing or stale (the page sat open for hours,
   * or the post came from another site): nothing is done, the form comes back
   * with a message.
   */
  protected async expiredForm(ctx: HttpContext) {
    const message = this.i18n(ctx).t('errors.form_expired')
    if (wantsJson(ctx)) {
      return ctx.response.status(403).send({ code: 'E_BAD_CSRF_TOKEN', message })
    }
    ctx.session?.flash('error', message)
    return ctx.response.redirect('back', true)
  }

  /**
   * The publishing API's validation errors: a code, a sentence, and one
   * message per field, in the language the client asked for.
   */
  protected apiValidationError(
    error: { messages: { field: string; message: string }[] },
    ctx: HttpContext
  ) {
    return ctx.response.status(422).send({
      code: 'E_VALIDATION_ERROR',
      message: this.i18n(ctx).t('errors.E_VALIDATION_ERROR'),
      errors: error.messages.map(({ field, message }) => ({ field, message })),
    })
  }

  async handle(error: unknown, ctx: HttpContext) {
    /**
     * Bouncer and the limiter answer with a bare sentence of their own; the
     * status page says it in the user's language.
     */
    const code = (error as { code?: string } | null)?.code
    if (code === 'E_AUTHORIZATION_FAILURE') return this.statusPage(403, error, ctx)
    if (code === 'E_UNKNOWN_TENANT') return this.statusPage(404, error, ctx)
    if (code === 'E_BAD_CSRF_TOKEN') return this.expiredForm(ctx)
    if (code === 'E_TOO_MANY_REQUESTS') return this.statusPage(429, error, ctx)
    if (code === 'E_VALIDATION_ERROR' && ctx.request.url().startsWith('/api/')) {
      return this.apiValidationError(
        error as { messages: { field: string; message: string }[] },
        ctx
      )
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
