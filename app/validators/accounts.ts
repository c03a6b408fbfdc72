import vine from '@vinejs/vine'
import { LOCALES } from '#services/locale'

const email = () => vine.string().trim().maxLength(254).email().toLowerCase()

/**
 * Ticked customer numbers: one checkbox arrives as a single value, several
 * as a list; none at all means none ticked.
 */
const numberIds = () =>
  vine
    .array(vine.number().withoutDecimals().positive())
    .maxLength(500)
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .optional()

export const sharedUserValidator = vine.create({
  email: email(),
  firstName: vine.string().trim().maxLength(100).optional(),
  lastName: vine.string().trim().maxLength(100).optional(),
  locale: vine.enum(LOCALES).optional(),
  numberIds: numberIds(),
})

export const sharedUserNumbersValidator = vine.create({
  numberIds: numberIds(),
})

export const emailOnlyValidator = vine.create({
  email: email(),
})
