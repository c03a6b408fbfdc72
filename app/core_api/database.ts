/**
 * What a plugin needs for its own tables: migrations (`BaseSchema`), models
 * built on the schema classes generated into its folder (`node ace
 * plugin:schema <id>`), and the tenant guard every tenant-owned model
 * composes (`compose(GreetingSchema, withTenantScope)`): queries run only
 * inside a tenant's scope and see only its rows. `tenantOwned(table)` adds
 * the `tenant_id` column those tables need (as the core's own tables have
 * it), `singleUseTokenColumns` the columns of a token sent in a link.
 */
export { BaseSchema } from '@adonisjs/lucid/schema'
export { BaseModel, column, belongsTo, hasMany, hasOne, manyToMany } from '@adonisjs/lucid/orm'
export type { BelongsTo, HasMany, HasOne, ManyToMany } from '@adonisjs/lucid/types/relations'
export { compose } from '@adonisjs/core/helpers'
export { default as db } from '@adonisjs/lucid/services/db'
export { withTenantScope } from '#tenancy/with_tenant_scope'
export { tenantContext } from '#tenancy/tenant_context'
export { tenantOwned, singleUseTokenColumns, references } from '#database/helpers'
/** A timestamp as Lucid stores it, for bulk updates that bypass the model (`updated_at`). */
export { sqlTimestamp } from '#services/sql'
export type { TenantOwnedOptions, SingleUseTokenOptions, ReferenceOptions } from '#database/helpers'
