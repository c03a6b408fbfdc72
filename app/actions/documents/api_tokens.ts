import db from '@adonisjs/lucid/services/db'
import ApiClient from '#models/api_client'
import type User from '#models/user'

/**
 * The publishing API's tokens of a tenant: issued by a tenant admin (or by
 * `node ace api:token`), shown once, kept only as a hash, revocable.
 *
 * @spec DOC-1
 */
export const apiTokens = {
  async issue(
    tenantId: number,
    name: string,
    options: { days?: number | null; by?: User | null; source: string }
  ): Promise<string> {
    const client = await ApiClient.firstOrCreate(
      { name },
      { tenantId, name, createdById: options.by?.id ?? null }
    )
    const token = await ApiClient.accessTokens.create(client, ['documents:publish'], {
      name: `created by ${options.source}`,
      expiresIn: options.days ? `${options.days} days` : undefined,
    })
    return token.value!.release()
  },

  async list() {
    const clients = await ApiClient.query().orderBy('name')
    if (!clients.length) return []
    const tokens = await db
      .from('auth_access_tokens')
      .whereIn(
        'tokenable_id',
        clients.map((client) => client.id)
      )
      .orderBy('id', 'desc')
      .select('id', 'tokenable_id', 'name', 'created_at', 'last_used_at', 'expires_at')
    return tokens.map((row) => ({
      id: Number(row.id),
      client: clients.find((client) => client.id === row.tokenable_id)!.name,
      createdAt: new Date(row.created_at).toISOString(),
      lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
      expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    }))
  },

  /** Revokes one of the tenant's tokens; false when it is not one of them. */
  async revoke(tokenId: number): Promise<boolean> {
    const clients = ApiClient.query().select('id')
    const deleted = await db
      .from('auth_access_tokens')
      .where('id', tokenId)
      .whereIn('tokenable_id', clients)
      .delete()
    return Number(deleted) > 0
  },
}
