import { compose } from '@adonisjs/core/helpers'
import { CategorySchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'

/**
 * A document category of the tenant (DOC-8, DOC-10): only staff classify.
 */
export default class Category extends compose(CategorySchema, withTenantScope) {}
