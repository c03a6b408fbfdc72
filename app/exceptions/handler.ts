import app from '@adonisjs/core/services/app'
import { wantsJson } from '#exceptions/wants_json'
import i18nManager from '@adonisjs/i18n/services/main'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { pickLocale } from '#services/locale'

/**
 * Addresses of this machine: the only callers that may see a stack trace.
 */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

/**
 * Turns errors into answers a person understands, in their language: a
 * status page for browsers, `{ code, message }` for JSON callers. Stack
 * traces (Youch) only in development and only for a caller on this machine:
 * every other 500 is the generic page with a reference that the log holds.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = app.inDev

  protected renderStatusPages = true

  /**
   * The socket's own peer address, not request.ip(): a forwarded-for header
   * is the caller's word, the socket is not.
   */
  protected isDebuggingEnabled(ctx: HttpContext): boolean {
    return this.debug && isLoopback(ctx.request.request.socket.remoteAddress)
  }

  /**
   * Answers that are part of normal use are not logged as errors.
   */
  protected ignoreStatuses = [400, 401, 403, 404, 405, 409, 410, 422, 429]

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => this.statusPage(403, error, ctx),
    '404': (error, ctx) => this.statusPage(404, error, ctx),
    '429': (error, ctx) => this.statusPage(429, error, ctx),
    '500..599': (error, ctx) => this.statusPage(500, error, ctx),
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

    // A 500 names the request id that the log line of the error carries.
    const reference = status >= 500 ? (ctx.request.id() ?? null) : null

    if (wantsJson(ctx)) {
      return ctx.response.status(status).send({
        code: status >= 500 ? 'E_INTERNAL' : (error?.code ?? `E_HTTP_${status}`),
        message: title,
        ...(reference ? { reference } : {}),
      })
    }
    return ctx.response.status(status).send(
      await ctx.view.render('errors/status', {
        status,
        title,
        message,
        locale: i18n.locale,
        homeLabel: i18n.t('errors.pages.home'),
        showHome: key !== 'unknown_tenant',
        reference: reference ? i18n.t('errors.pages.reference', { reference }) : null,
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
    /**
     * Any other failure: the developer on this machine sees the debug page;
     * everybody else the generic page, as HTML or JSON, whatever the error
     * says about the server.
     */
    const httpError = this.toHttpError(error)
    const handlesItself = typeof (httpError as { handle?: unknown }).handle === 'function'
    if ((httpError.status ?? 500) >= 500 && !handlesItself) {
      if (!this.isDebuggingEnabled(ctx)) return this.statusPage(500, error, ctx)
      const { Youch } = await import('youch')
      return ctx.response.status(httpError.status ?? 500).send(
        await new Youch().toHTML(httpError, {
          request: ctx.request.request,
          cspNonce: ctx.response.nonce,
        })
      )
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
