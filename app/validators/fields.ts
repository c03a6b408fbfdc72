import vine from '@vinejs/vine'
import { isGuessable } from '#services/password_strength'

/**
 * Field rules the validators share.
 */

/** E-mail as typed by a person: trimmed, lower-cased, at most 254 characters. */
export const email = () => vine.string().trim().maxLength(254).email().toLowerCase()

/**
 * Refuses a password known from breaches or otherwise easy to guess
 * (#services/password_strength), the form's own address and names included
 * as words an attacker would try.
 */
const notGuessable = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  const parent = (field.parent ?? {}) as Record<string, unknown>
  const context = ['email', 'loginEmail', 'firstName', 'lastName']
    .map((key) => parent[key])
    .filter((item): item is string => typeof item === 'string')
  if (isGuessable(value, context)) field.report('', 'guessablePassword', field)
})

/**
 * A new password: long enough to resist guessing, short enough to hash, not
 * known from breaches nor easy to guess. No composition rules.
 */
export const newPassword = () =>
  vine
    .string()
    .minLength(12)
    .maxLength(128)
    .use(notGuessable())
    .confirmed({ confirmationField: 'passwordConfirmation' })

/**
 * Ids ticked in a form: one checkbox arrives as a single value, several as a
 * list.
 */
export const idList = (max: number) =>
  vine
    .array(vine.number().withoutDecimals().positive())
    .maxLength(max)
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
