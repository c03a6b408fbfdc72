import { compose } from '@adonisjs/core/helpers'
import { CategoryGrantSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * DOC-8: rights a category hands to the documents put in it from the moment
 * the grant exists (copied onto each document then, so later changes to the
 * category's rights are never retroactive).
 *
 * @spec DOC-8
 */
export default class CategoryGrant extends compose(CategoryGrantSchema, withTenantScope) {}
