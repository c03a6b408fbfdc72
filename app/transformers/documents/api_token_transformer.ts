import { BaseTransformer } from '@adonisjs/core/transformers'
import type { apiTokens } from '#actions/documents/api_tokens'

/** A token as `apiTokens.list()` reads it. */
type ApiTokenListing = Awaited<ReturnType<typeof apiTokens.list>>[number]

/**
 * A publishing-API token on the admin's tokens page: its back office, when
 * it was made, last used and when it expires (never its value: that is
 * shown once, when it is made).
 */
export default class ApiTokenTransformer extends BaseTransformer<ApiTokenListing> {
  toObject() {
    return this.pick(this.resource, ['id', 'client', 'createdAt', 'lastUsedAt', 'expiresAt'])
  }
}
