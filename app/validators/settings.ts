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

/** TEN-4: a message to customer service from the header's help link (a logged-in writer's address is the account's). */
const helpRequest = {
  subject: vine.string().trim().minLength(3).maxLength(150),
  message: vine.string().trim().minLength(10).maxLength(5000),
}
export const helpRequestValidator = vine.create(helpRequest)

/** A visitor also gives the address the answer goes to. */
export const visitorHelpRequestValidator = vine.create({ ...helpRequest, replyTo: email() })
