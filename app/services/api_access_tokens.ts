/** @spec DOC-1 */
import type { Secret } from '@adonisjs/core/helpers'
import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { AccessTokenDbColumns } from '@adonisjs/auth/types/access_tokens'
import type { LucidModel } from '@adonisjs/lucid/types/model'

/**
 * Adonis' database tokens, with two changes for the publishing API, whose
 * clients send thousands of requests a minute during a publication run:
 * "last used" is written at most once a minute per token (not on every
 * request: one UPDATE less per call), and only for a token whose secret
 * matched (the stock provider also stamps a wrong guess).
 */
export class ApiAccessTokensProvider<
  Model extends LucidModel,
> extends DbAccessTokensProvider<Model> {
  static lastUsedResolutionMs = 60_000

  async verify(tokenValue: Secret<string>): Promise<AccessToken | null> {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const row: AccessTokenDbColumns | null = await db
      .query()
      .from(this.table)
      .where({ id: decoded.identifier, type: this.type })
      .limit(1)
      .first()
    if (!row) return null
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null

    const now = new Date()
    const last = row.last_used_at ? new Date(row.last_used_at).getTime() : 0
    if (now.getTime() - last >= ApiAccessTokensProvider.lastUsedResolutionMs) {
      await db.from(this.table).where({ id: row.id, type: this.type }).update({ last_used_at: now })
      token.lastUsedAt = now
    }
    return token
  }
}
