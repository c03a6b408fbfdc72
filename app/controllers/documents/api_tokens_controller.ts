import type { HttpContext } from '@adonisjs/core/http'
import { apiTokens } from '#actions/documents/api_tokens'
import { activityLog } from '#services/activity_log'
import { apiTokenValidator } from '#validators/documents'
import { NotFoundException } from '#exceptions/not_found_exception'
import ApiTokenTransformer from '#transformers/documents/api_token_transformer'

/**
 * The publishing API's tokens, for tenant admins: create one for a back
 * office (shown once), see when each was last used, revoke.
 *
 * @spec DOC-1
 */
export default class ApiTokensController {
  async index({ inertia, session, tenant }: HttpContext) {
    return inertia.render('admin/api_tokens', {
      tokens: ApiTokenTransformer.transform(await apiTokens.list()),
      newToken: (session.flashMessages.get('newToken') as string | undefined) ?? null,
      openapiUrl: tenant.url('/api/v1/openapi.json'),
    })
  }

  async store({ request, response, session, tenant, auth, i18n }: HttpContext) {
    const { name, days } = await request.validateUsing(apiTokenValidator)
    const token = await apiTokens.issue(tenant.id, name, {
      days,
      by: auth.user!,
      source: auth.user!.email,
    })
    await activityLog.record({
      type: 'api_token.created',
      actor: auth.user!,
      ip: request.ip(),
      details: { client: name },
    })
    session.flash('newToken', token)
    session.flash('success', i18n.t('documents.api_tokens.created', { name }))
    return response.redirect().toRoute('admin.api_tokens.index')
  }

  async destroy({ params, request, response, session, auth, i18n }: HttpContext) {
    if (!(await apiTokens.revoke(Number(params.id) || 0))) throw new NotFoundException()
    await activityLog.record({
      type: 'api_token.revoked',
      actor: auth.user!,
      ip: request.ip(),
      details: { token: Number(params.id) },
    })
    session.flash('success', i18n.t('documents.api_tokens.revoked'))
    return response.redirect().toRoute('admin.api_tokens.index')
  }
}
