/** @spec TEN-1 TEN-3 TEN-4 */
import vine from '@vinejs/vine'
import { HEX_COLOR } from '#services/branding'
import { email } from '#validators/fields'

/**
 * The tenant's configuration forms (TEN-1, TEN-3, TEN-4).
 */

const color = () => vine.string().trim().regex(HEX_COLOR).toLowerCase()

/** TEN-1: the host itself is checked by checkPortalHost (format, suffix, other tenants). */
export const portalHostValidator = vine.create({
  customHost: vine.string().trim().maxLength(253).optional(),
})

/** TEN-3: the organisation's house style. */
export const orgStyleValidator = vine.create({
  orgPrimaryColor: color(),
  orgSecondaryColor: color(),
})

/** TEN-3: the portal's colours, or the house style. */
export const brandingValidator = vine.create({
  inheritOrgStyle: vine.boolean().optional(),
  primaryColor: color(),
  secondaryColor: color(),
})

/** TEN-4: the contact details in the portal's footer. */
export const contactValidator = vine.create({
  supportEmail: email().optional(),
  websiteUrl: vine
    .string()
    .trim()
    .maxLength(300)
    .url({ require_protocol: true, protocols: ['http', 'https'] })
    .optional(),
  supportPhone: vine
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,40}$/)
    .optional(),
})

/** TEN-4: the header's options. */
export const headerValidator = vine.create({
  showRegisterButton: vine.boolean().optional(),
  helpFormEnabled: vine.boolean().optional(),
})

/**
 * ASVS 3.3: how long a session lasts without use, and at most. The limits
 * keep a tenant within what makes sense for a portal: an idle limit of 5
 * minutes to 8 hours, a total of 1 hour to 30 days, never shorter than the
 * idle limit.
 */
export const sessionLimitsValidator = vine.create({
  sessionIdleMinutes: vine.number().withoutDecimals().range([5, 480]),
  sessionMaxHours: vine
    .number()
    .withoutDecimals()
    .range([1, 720])
    .use(
      vine.createRule((value, _, field) => {
        const idle = Number((field.parent as { sessionIdleMinutes?: unknown }).sessionIdleMinutes)
        if (typeof value === 'number' && Number.isFinite(idle) && value * 60 < idle) {
          field.report('The total length is shorter than the idle limit', 'sessionsOrder', field)
        }
      })()
    ),
})

/** TEN-4: a message to customer service from the header's help link (a logged-in writer's address is the account's). */
const helpRequest = {
  subject: vine.string().trim().minLength(3).maxLength(150),
  message: vine.string().trim().minLength(10).maxLength(5000),
}
export const helpRequestValidator = vine.create(helpRequest)

/** A visitor also gives the address the answer goes to. */
export const visitorHelpRequestValidator = vine.create({ ...helpRequest, replyTo: email() })
