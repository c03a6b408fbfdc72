/** @spec IAM-1 IAM-2 */
import vine from '@vinejs/vine'
import { LOCALES } from '#services/locale'
import { email, newPassword } from '#validators/fields'

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(128),
})

export const forgotPasswordValidator = vine.create({
  email: email(),
})

export const resetPasswordValidator = vine.create({
  password: newPassword(),
})

export const activationValidator = vine.create({
  password: newPassword(),
})

export const localeValidator = vine.create({
  locale: vine.enum(LOCALES),
})

export const inviteCustomerValidator = vine.create({
  email: email(),
  firstName: vine.string().trim().maxLength(100).optional(),
  lastName: vine.string().trim().maxLength(100).optional(),
  locale: vine.enum(LOCALES).optional(),
})

/** A 6-digit code, typed with or without a space or dash in the middle. */
const sixDigits = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{3}[\s-]?\d{3}$/)

export const codeValidator = vine.create({
  code: sixDigits(),
})

export const recoveryEmailValidator = vine.create({
  email: email(),
})

/** Turning two-step verification off: the password or a current code. */
export const disableTwoStepValidator = vine.create({
  password: vine.string().maxLength(128).optional().requiredIfMissing('code'),
  code: sixDigits().optional(),
})

export const profileValidator = vine.create({
  firstName: vine.string().trim().minLength(1).maxLength(100),
  lastName: vine.string().trim().minLength(1).maxLength(100),
  locale: vine.enum(LOCALES),
})

export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(128),
  password: newPassword(),
})

export const changeEmailValidator = vine.create({
  email: email(),
  currentPassword: vine.string().maxLength(128),
})
