import { Exception } from '@adonisjs/core/exceptions'
import { wantsJson } from '#exceptions/wants_json'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'

/**
 * An error meant for the person in front of the screen: its message is a
 * translation key, shown in their language. Forms get it as a flash message
 * after a redirect back; JSON callers get `{ code, message }`.
 */
export class UserFacingException extends Exception {
  constructor(
    public translationKey: string,
    options: {
      status?: number
      code?: string
      data?: Record<string, unknown>
      cause?: unknown
    } = {}
  ) {
    super(translationKey, {
      status: options.status ?? 422,
      code: options.code ?? 'E_USER_FACING',
      cause: options.cause,
    })
    this.data = options.data ?? {}
  }

  declare data: Record<string, unknown>

  async handle(error: this, ctx: HttpContext) {
    const message = ctx.i18n ? ctx.i18n.t(error.translationKey, error.data) : error.translationKey
    if (wantsJson(ctx)) {
      return ctx.response.status(error.status).send({ code: error.code, message })
    }
    ctx.session?.flash('error', message)
    ctx.session?.flashExcept([
      '_csrf',
      '_method',
      'password',
      'password_confirmation',
      'passwordConfirmation',
    ])
    return ctx.response.redirect('back', true)
  }
}

/**
 * A validation error on one field, produced outside a validator (e.g. "this
 * e-mail already has an active account"). Rendered like any validation error.
 */
export function fieldError(field: string, message: string, rule = 'custom') {
  return new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}
