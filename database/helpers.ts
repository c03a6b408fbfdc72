import type { Knex } from 'knex'

/**
 * Column blocks that the migrations repeat, written once. The core's
 * migrations use them, and so do plugins (through `#core/database`) for their
 * own tables. Each helper adds its columns where it is called, so the
 * column order, and the schema, is the same as if the lines were typed out.
 *
 * TEN-1 (a tenant's rows are its own); IAM-6, IAM-7, IAM-9 (the links of an
 * e-mail change, a password reset and a registration).
 */

export interface TenantOwnedOptions {
  /**
   * Allow rows that belong to no tenant (the platform's own, e.g. an e-mail
   * to an operator). False by default: a tenant's row always names it.
   */
  nullable?: boolean
  /**
   * Add an index on `tenant_id` alone. Off by default: most tables declare a
   * composite index that starts with `tenant_id` (e.g. `['tenant_id',
   * 'user_id']`), which serves the same lookups. Turn it on when the table
   * has none, since PostgreSQL does not index a foreign key by itself.
   */
  index?: boolean
}

/**
 * The owning tenant: `tenant_id` (unsigned integer, not null unless
 * `nullable`) referencing `tenants.id`, deleted with the tenant (cascade).
 * `withTenantScope` models and `plugin:purge` rely on this column.
 *
 * ```ts
 * this.schema.createTable('hello_greetings', (table) => {
 *   table.increments('id')
 *   tenantOwned(table, { index: true })
 *   table.string('text', 40).notNullable()
 * })
 * ```
 */
export function tenantOwned(table: Knex.TableBuilder, options: TenantOwnedOptions = {}) {
  const column = table.integer('tenant_id').unsigned()
  if (options.nullable) column.nullable()
  else column.notNullable()
  const reference = column.references('id').inTable('tenants').onDelete('CASCADE')
  if (options.index) table.index(['tenant_id'])
  return reference
}

export interface SingleUseTokenOptions {
  /**
   * The column set when the token is used, named after what using it means
   * for the table: `used_at` (a password reset), `confirmed_at` (an e-mail
   * change, a registration).
   */
  usedAt: string
}

/**
 * A single-use token sent in a link: `token_hash` (the SHA-256 of the token
 * as 64 hex characters, not null, unique; the token itself is never stored),
 * `expires_at` (not null) and the nullable timestamp `options.usedAt`. The
 * lookup is by hash; a link works while the token has not expired and has
 * not been used.
 *
 * ```ts
 * singleUseTokenColumns(table, { usedAt: 'confirmed_at' })
 * ```
 */
export function singleUseTokenColumns(table: Knex.TableBuilder, options: SingleUseTokenOptions) {
  table.string('token_hash', 64).notNullable().unique()
  table.timestamp('expires_at').notNullable()
  table.timestamp(options.usedAt).nullable()
}

export interface ReferenceOptions {
  /** Allow rows that refer to nothing. False by default. */
  nullable?: boolean
  /** What deleting the referred row does: delete this one too (default), refuse, or empty the column. */
  onDelete?: 'cascade' | 'restrict' | 'set null'
}

/**
 * An unsigned integer column `column` referring to `id` of `target`, e.g.
 * `references(table, 'premise_id', 'utility_premises')`. Declare the index
 * the queries need beside it: PostgreSQL does not index a foreign key.
 */
export function references(
  table: Knex.TableBuilder,
  column: string,
  target: string,
  options: ReferenceOptions = {}
) {
  const builder = table.integer(column).unsigned()
  if (options.nullable) builder.nullable()
  else builder.notNullable()
  return builder
    .references('id')
    .inTable(target)
    .onDelete(options.onDelete ?? 'cascade')
}
