import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import PortalMessage, { type PortalMessageType } from '#models/portal_message'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { fieldError } from '#exceptions/user_facing_exception'
import { activityLog } from '#services/activity_log'
import { LOCALES, type Locale } from '#services/locale'
import type { PortalPage } from '#services/portal_pages'
import { RICH_TEXT_MAX_HTML, sanitizeRichText } from '#services/rich_text'

export interface PortalMessageInput {
  page: PortalPage
  type: PortalMessageType
  bodyNl?: string | null
  bodyFr?: string | null
  bodyEn?: string | null
}

/** Who does it, for the activity log and the message's "updated by". */
export interface Actor {
  user: User
  ip: string | null
  i18n: I18n
}

const FIELDS: Record<Locale, 'bodyNl' | 'bodyFr' | 'bodyEn'> = {
  nl: 'bodyNl',
  fr: 'bodyFr',
  en: 'bodyEn',
}

/**
 * The three texts as they will be stored: each cleaned by the allow-list,
 * empty ones as null. Refuses, naming the language, a text that is too long,
 * one that held hostile markup (script, event handlers, javascript: links…:
 * saving a cleaned copy would hide from the admin that something was
 * removed), and a message without text in the tenant's default language.
 * Nothing is stored when one language is refused.
 */
export function prepareBodies(
  input: PortalMessageInput,
  tenant: Tenant,
  i18n: I18n
): Record<Locale, string | null> {
  const bodies = { nl: null, fr: null, en: null } as Record<Locale, string | null>
  const errors: { field: string; message: string; rule: string }[] = []
  for (const locale of LOCALES) {
    const field = FIELDS[locale]
    const raw = input[field] ?? ''
    const language = i18n.t(`portal_messages.languages.${locale}`)
    if (raw.length > RICH_TEXT_MAX_HTML) {
      errors.push({
        field,
        rule: 'maxLength',
        message: i18n.t('portal_messages.too_long', {
          language,
          length: raw.length,
          max: RICH_TEXT_MAX_HTML,
        }),
      })
      continue
    }
    const clean = sanitizeRichText(raw)
    if (clean.hostile.length > 0) {
      errors.push({
        field,
        rule: 'allowList',
        message: i18n.t('portal_messages.hostile', {
          language,
          found: clean.hostile.join(', '),
        }),
      })
      continue
    }
    bodies[locale] = clean.text ? clean.html : null
  }
  const fallback = tenant.defaultLocale
  if (!bodies[fallback] && !errors.some((error) => error.field === FIELDS[fallback])) {
    errors.push({
      field: FIELDS[fallback],
      rule: 'required',
      message: i18n.t('portal_messages.default_required', {
        language: i18n.t(`portal_messages.languages.${fallback}`),
      }),
    })
  }
  if (errors.length > 0) {
    const [first, ...rest] = errors
    const error = fieldError(first.field, first.message, first.rule)
    error.messages.push(...rest)
    throw error
  }
  return bodies
}

/**
 * TEN-5: the tenant admin's portal messages. Each change forgets this
 * process's cached board, so the next page shows it (other processes within
 * a few seconds).
 *
 * @spec TEN-5
 */
export const portalMessages = {
  async create(tenant: Tenant, input: PortalMessageInput, actor: Actor): Promise<PortalMessage> {
    const bodies = prepareBodies(input, tenant, actor.i18n)
    const message = await db.transaction(async (trx) => {
      const last = await PortalMessage.query({ client: trx })
        .where('page', input.page)
        .max('position as last')
        .first()
      const created = await PortalMessage.create(
        {
          page: input.page,
          type: input.type,
          position: Number(last?.$extras.last ?? 0) + 1,
          bodyNl: bodies.nl,
          bodyFr: bodies.fr,
          bodyEn: bodies.en,
          createdById: actor.user.id,
          updatedById: actor.user.id,
        },
        { client: trx }
      )
      await record('portal_message.created', created, actor, trx)
      return created
    })
    PortalMessage.forgetBoard(tenant.id)
    return message
  },

  /** A message moved to another page goes to the end of that page. */
  async update(
    tenant: Tenant,
    message: PortalMessage,
    input: PortalMessageInput,
    actor: Actor
  ): Promise<void> {
    const bodies = prepareBodies(input, tenant, actor.i18n)
    await db.transaction(async (trx) => {
      message.useTransaction(trx)
      if (message.page !== input.page) {
        const last = await PortalMessage.query({ client: trx })
          .where('page', input.page)
          .max('position as last')
          .first()
        message.position = Number(last?.$extras.last ?? 0) + 1
      }
      message.merge({
        page: input.page,
        type: input.type,
        bodyNl: bodies.nl,
        bodyFr: bodies.fr,
        bodyEn: bodies.en,
        updatedById: actor.user.id,
      })
      await message.save()
      await record('portal_message.updated', message, actor, trx)
    })
    PortalMessage.forgetBoard(tenant.id)
  },

  /** Swaps the message with its neighbour on the same page (nothing at either end). */
  async move(
    tenant: Tenant,
    message: PortalMessage,
    direction: 'up' | 'down',
    actor: Actor
  ): Promise<boolean> {
    const moved = await db.transaction(async (trx) => {
      const siblings = await PortalMessage.query({ client: trx })
        .where('page', message.page)
        .orderBy('position')
        .orderBy('id')
      const index = siblings.findIndex((sibling) => sibling.id === message.id)
      const target = direction === 'up' ? index - 1 : index + 1
      if (index < 0 || target < 0 || target >= siblings.length) return false
      ;[siblings[index], siblings[target]] = [siblings[target], siblings[index]]
      // Positions are renumbered in list order, so equal or missing numbers heal too.
      for (const [position, sibling] of siblings.entries()) {
        if (sibling.position === position + 1) continue
        sibling.useTransaction(trx)
        sibling.position = position + 1
        await sibling.save()
      }
      await record('portal_message.moved', message, actor, trx, { direction })
      return true
    })
    PortalMessage.forgetBoard(tenant.id)
    return moved
  },

  async remove(tenant: Tenant, message: PortalMessage, actor: Actor): Promise<void> {
    await db.transaction(async (trx) => {
      message.useTransaction(trx)
      await message.delete()
      await record('portal_message.deleted', message, actor, trx)
    })
    PortalMessage.forgetBoard(tenant.id)
  },
}

function record(
  type:
    | 'portal_message.created'
    | 'portal_message.updated'
    | 'portal_message.moved'
    | 'portal_message.deleted',
  message: PortalMessage,
  actor: Actor,
  trx: Parameters<typeof activityLog.record>[1],
  extra: Record<string, string> = {}
) {
  return activityLog.record(
    {
      type,
      actor: actor.user,
      ip: actor.ip,
      details: { message: message.id, page: message.page, type: message.type, ...extra },
    },
    trx
  )
}
