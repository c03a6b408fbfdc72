/** @spec ACC-1 ACC-2 ACC-3 ACC-4 */
import vine from '@vinejs/vine'
import { LOCALES } from '#services/locale'
import { email, idList, newPassword } from '#validators/fields'

/** Ticked customer numbers; none at all means none ticked. */
const numberIds = () => idList(500).optional()

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

const customerNumber = () => vine.string().trim().minLength(3).maxLength(40)

export const registerWithCodeValidator = vine.create({
  customerNumber: customerNumber(),
  activationCode: vine.string().trim().minLength(4).maxLength(40),
  email: email(),
  password: newPassword(),
  locale: vine.enum(LOCALES).optional(),
})

export const registerWithEmailValidator = vine.create({
  customerNumber: customerNumber(),
  email: email(),
  loginEmail: email().optional(),
  password: newPassword(),
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

/** DOC-9: the staff member responsible (none: empty). */
export const managerValidator = vine.create({
  managerId: vine.number().withoutDecimals().positive().nullable().optional(),
})

/** DOC-6: how a customer number's new documents are announced. */
export const notifyModeValidator = vine.create({
  notifyMode: vine.enum(['link', 'attachment'] as const),
})
