import { createHash } from 'node:crypto'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { PortalMessageSchema } from '#database/schema'
import { withTenantScope } from '#tenancy/with_tenant_scope'
import { tenantContext } from '#tenancy/tenant_context'
import type { Locale } from '#services/locale'
import User from '#models/user'

export const PORTAL_MESSAGE_TYPES = ['neutral', 'warning', 'important'] as const
export type PortalMessageType = (typeof PORTAL_MESSAGE_TYPES)[number]

/** One message as the portal shows it: already in the reader's language. */
export type ShownPortalMessage = {
  id: number
  type: PortalMessageType
  html: string
}

interface BoardRow {
  id: number
  page: string
  type: PortalMessageType
  bodies: Record<Locale, string | null>
}

/**
 * Every message of a tenant, for the layouts. The version changes whenever a
 * message does, so browsers keep the messages until then (an Inertia once
 * prop keyed by it).
 */
export interface PortalMessageBoard {
  version: string
  /** The messages per page name, in order, in one language (else the fallback language). */
  forLocale(locale: Locale, fallback: Locale): Record<string, ShownPortalMessage[]>
}

/** Boards per tenant, kept a few seconds: every page of the portal asks. */
const boards = new Map<number, { expiresAt: number; value: Promise<PortalMessageBoard> }>()
const BOARD_TTL_MS = 5_000

/**
 * TEN-5: a message the tenant admin put on one portal page.
 *
 * @spec TEN-5
 */
export default class PortalMessage extends compose(PortalMessageSchema, withTenantScope) {
  @belongsTo(() => User, { foreignKey: 'updatedById' })
  declare updatedBy: BelongsTo<typeof User>

  get bodies(): Record<Locale, string | null> {
    return { nl: this.bodyNl, fr: this.bodyFr, en: this.bodyEn }
  }

  /** The text in a language, else in the fallback language, else in any language it has. */
  static bodyIn(
    bodies: Record<Locale, string | null>,
    locale: Locale,
    fallback: Locale
  ): string | null {
    return bodies[locale] ?? bodies[fallback] ?? bodies.nl ?? bodies.fr ?? bodies.en ?? null
  }

  /** The tenant's messages for the layouts (cached a few seconds per process). */
  static board(tenantId: number): Promise<PortalMessageBoard> {
    const cached = boards.get(tenantId)
    if (cached && cached.expiresAt > Date.now()) return cached.value
    const value = tenantContext
      .run(tenantId, () => this.query().orderBy('page').orderBy('position').orderBy('id'))
      .then((messages) => makeBoard(messages))
    boards.set(tenantId, { expiresAt: Date.now() + BOARD_TTL_MS, value })
    value.catch(() => boards.delete(tenantId))
    return value
  }

  /** After a message is added, changed, moved or deleted in this process. */
  static forgetBoard(tenantId: number) {
    boards.delete(tenantId)
  }
}

function makeBoard(messages: PortalMessage[]): PortalMessageBoard {
  const rows: BoardRow[] = messages.map((message) => ({
    id: message.id,
    page: message.page,
    type: message.type as PortalMessageType,
    bodies: message.bodies,
  }))
  const version = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12)
  return {
    version,
    forLocale(locale, fallback) {
      const pages: Record<string, ShownPortalMessage[]> = {}
      for (const row of rows) {
        const html = PortalMessage.bodyIn(row.bodies, locale, fallback)
        if (!html) continue
        ;(pages[row.page] ??= []).push({ id: row.id, type: row.type, html })
      }
      return pages
    },
  }
}
