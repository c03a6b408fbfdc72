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

const password = () =>
  vine
    .string()
    .minLength(10)
    .maxLength(128)
    .confirmed({ confirmationField: 'passwordConfirmation' })

const customerNumber = () => vine.string().trim().minLength(3).maxLength(40)

export const registerWithCodeValidator = vine.create({
  customerNumber: customerNumber(),
  activationCode: vine.string().trim().minLength(4).maxLength(40),
  email: email(),
  password: password(),
  locale: vine.enum(LOCALES).optional(),
})

export const registerWithEmailValidator = vine.create({
  customerNumber: customerNumber(),
  email: email(),
  loginEmail: email().optional(),
  password: password(),
  locale: vine.enum(LOCALES).optional(),
})

export const customerNumberValidator = vine.create({
  customerName: vine.string().trim().minLength(1).maxLength(200).optional(),
  customerId: vine
    .number()
    .withoutDecimals()
    .positive()
    .optional()
    .requiredIfMissing('customerName'),
  number: customerNumber(),
  mainContactEmail: email().optional(),
  contactEmail: email().optional(),
})
