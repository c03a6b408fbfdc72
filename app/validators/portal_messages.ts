/** @spec TEN-5 */
import vine from '@vinejs/vine'
import { PORTAL_PAGE_COMPONENTS } from '#services/portal_pages'
import { PORTAL_MESSAGE_TYPES } from '#models/portal_message'

/**
 * TEN-5: a portal message as the admin page sends it. The texts are checked
 * (length, allow-list, default language) by the action, which names the
 * language in its messages.
 */
export const portalMessageValidator = vine.create({
  page: vine.enum(PORTAL_PAGE_COMPONENTS),
  type: vine.enum(PORTAL_MESSAGE_TYPES),
  bodyNl: vine.string().nullable().optional(),
  bodyFr: vine.string().nullable().optional(),
  bodyEn: vine.string().nullable().optional(),
})

export const moveMessageValidator = vine.create({
  direction: vine.enum(['up', 'down'] as const),
})
