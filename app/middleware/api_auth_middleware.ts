import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { Secret } from '@adonisjs/core/helpers'
import ApiClient from '#models/api_client'

/**
 * The publishing API: a bearer token (an Adonis access token) of one of the
 * tenant's API clients, else 401 JSON. The client lookup is tenant-scoped,
 * so a token of another tenant is unknown here. Kept out of the auth config
 * on purpose: `ctx.auth.user` stays a portal user everywhere else.
 */
export default class ApiAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const header = ctx.request.header('authorization') ?? ''
    const [scheme, value] = header.split(' ')
    const token =
      scheme?.toLowerCase() === 'bearer' && value
        ? await ApiClient.accessTokens.verify(new Secret(value))
        : null
    const client = token ? await ApiClient.find(token.tokenableId) : null
    if (!client) {
      return ctx.response
        .status(401)
        .send({ code: 'E_UNAUTHORIZED_ACCESS', message: ctx.i18n.t('documents.api.unauthorized') })
    }
    ctx.apiClient = client
    return next()
  }
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The API client a publishing API request authenticated as. */
    apiClient?: ApiClient
  }
}
