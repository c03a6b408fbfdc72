import { compose } from '@adonisjs/core/helpers'
import { ApiAccessTokensProvider } from '#services/api_access_tokens'
import { ApiClientSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * A tenant's back office (or another integration) that publishes documents
 * through /api/v1 with access tokens. Scoped to the tenant: a token only
 * works on its own tenant's host.
 *
 * @spec DOC-1
 */
export default class ApiClient extends compose(ApiClientSchema, withTenantScope) {
  static accessTokens = new ApiAccessTokensProvider({
    tokenableModel: ApiClient,
    prefix: 'ptl_',
    table: 'auth_access_tokens',
    type: 'api_token',
    tokenSecretLength: 40,
  })
}
