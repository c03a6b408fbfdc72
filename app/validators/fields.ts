import vine from '@vinejs/vine'

/**
 * Field rules the validators share.
 */

/** E-mail as typed by a person: trimmed, lower-cased, at most 254 characters. */
export const email = () => vine.string().trim().maxLength(254).email().toLowerCase()

/** A new password: long enough to resist guessing, short enough to hash. */
export const newPassword = () =>
  vine
    .string()
    .minLength(10)
    .maxLength(128)
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
