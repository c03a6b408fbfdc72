/**
 * What a plugin needs for its own tables: migrations (`BaseSchema`), models
 * built on the schema classes generated into its folder (`node ace
 * plugin:schema <id>`), and the tenant guard every tenant-owned model
 * composes (`compose(GreetingSchema, withTenantScope)`): queries run only
 * inside a tenant's scope and see only its rows.
 */
export { BaseSchema } from '@adonisjs/lucid/schema'
export { BaseModel, column } from '@adonisjs/lucid/orm'
export { compose } from '@adonisjs/core/helpers'
export { default as db } from '@adonisjs/lucid/services/db'
export { withTenantScope } from '#tenancy/with_tenant_scope'
export { tenantContext } from '#tenancy/tenant_context'
