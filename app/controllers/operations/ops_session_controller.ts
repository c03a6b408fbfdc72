import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator, codeValidator } from '#validators/auth'
import { fieldError } from '#exceptions/user_facing_exception'
import { operatorLogin } from '#actions/operations/operator_login'
import OperatorTransformer from '#transformers/operations/operator_transformer'

/**
 * OPS-1: the operators' login on the operator host: password, then a code
 * from the authenticator app, enrolled at the first login.
 *
 * @spec OPS-1
 */
export default class OpsSessionController {
  async create({ inertia }: HttpContext) {
    return inertia.render('ops/login', {})
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const { email, password } = await request.validateUsing(loginValidator)
    const result = await operatorLogin.password(ctx, email, password)
    if (result === 'invalid') {
      session.flash('error', i18n.t('auth.invalid_credentials'))
      return response.redirect('/login')
    }
    if (typeof result === 'object') {
      session.flash('error', i18n.t('auth.too_many_attempts', { minutes: result.throttled }))
      return response.redirect('/login')
    }
    return response.redirect('/login/code')
  }

  /** The second step; an operator without an app enrols one here first. */
  async code(ctx: HttpContext) {
    const operator = await operatorLogin.pending(ctx)
    if (!operator) return ctx.response.redirect('/login')
    if (operator.totpEnabledAt) return ctx.inertia.render('ops/two_step', { setup: null })
    const secret = await operatorLogin.candidateSecret(operator)
    return ctx.inertia.render('ops/two_step', {
      setup: OperatorTransformer.transform(operator, secret).useVariant('toEnrolment'),
    })
  }

  async verify(ctx: HttpContext) {
    const operator = await operatorLogin.pending(ctx)
    if (!operator) return ctx.response.redirect('/login')
    const { code } = await ctx.request.validateUsing(codeValidator)
    const result = await operatorLogin.code(ctx, operator, code)
    if (result.status === 'locked') {
      throw fieldError(
        'code',
        ctx.i18n.t('auth.two_step.locked', { minutes: result.retryInMinutes })
      )
    }
    if (result.status !== 'ok') {
      throw fieldError('code', ctx.i18n.t(`auth.two_step.${result.status}`))
    }
    return ctx.response.redirect('/')
  }

  async destroy(ctx: HttpContext) {
    operatorLogin.logout(ctx)
    ctx.session.flash('success', ctx.i18n.t('auth.logged_out'))
    return ctx.response.redirect('/login')
  }
}
