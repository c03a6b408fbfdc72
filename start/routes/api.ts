/**
 * The publishing API: a tenant's back office publishes documents (DOC-1;
 * publishing notifies the recipients, DOC-6), lists and fetches them, with
 * bearer tokens of the tenant's API clients, JSON in and out; the tokens
 * are managed by the tenant's admins.
 *
 * @spec DOC-1 DOC-6
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { adminRoutes, apiRoutes } from '#start/routes/areas'

export default function publishingApiRoutes() {
  /** The OpenAPI document: public, so a back office's developers can read it. */
  router
    .get('/api/v1/openapi.json', [controllers.documents.ApiDocuments, 'openapi'])
    .as('api.openapi')

  apiRoutes(() => {
    router
      .post('/documents', [controllers.documents.ApiDocuments, 'store'])
      .as('api.documents.store')
    router
      .get('/documents', [controllers.documents.ApiDocuments, 'index'])
      .as('api.documents.index')
    router
      .get('/batches/:key', [controllers.documents.ApiDocuments, 'showBatch'])
      .as('api.batches.show')
    router
      .post('/batches/:key/close', [controllers.documents.ApiDocuments, 'closeBatch'])
      .as('api.batches.close')
    router
      .get('/documents/:id', [controllers.documents.ApiDocuments, 'show'])
      .as('api.documents.show')
      .where('id', router.matchers.number())
  })

  /** The API clients' tokens: create (shown once), last use, revoke. Admins only. */
  adminRoutes(() => {
    router
      .get('/api-tokens', [controllers.documents.ApiTokens, 'index'])
      .as('admin.api_tokens.index')
    router
      .post('/api-tokens', [controllers.documents.ApiTokens, 'store'])
      .as('admin.api_tokens.store')
    router
      .delete('/api-tokens/:id', [controllers.documents.ApiTokens, 'destroy'])
      .as('admin.api_tokens.destroy')
      .where('id', router.matchers.number())
  }, 'viewOperations')
}
