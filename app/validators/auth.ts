import vine from '@vinejs/vine'
import { LOCALES } from '#services/locale'

/**
 * E-mail as typed by a person: trimmed, lower-cased, at most 254 characters.
 */
const email = () => vine.string().trim().maxLength(254).email().toLowerCase()

/**
 * A new password: long enough to resist guessing, short enough to hash.
 */
const newPassword = () =>
  vine
    .string()
    .minLength(10)
    .maxLength(128)
    .confirmed({ confirmationField: 'passwordConfirmation' })

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
