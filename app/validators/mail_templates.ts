/** @spec TEN-6 */
import vine from '@vinejs/vine'

/**
 * TEN-6: a tenant's wording of an e-mail. The Liquid inside is checked by
 * the template checker (app/mails/liquid_mail.ts) once these limits hold.
 */
export const mailTemplateValidator = vine.create({
  subject: vine.string().trim().minLength(1).maxLength(300),
  body: vine.string().trim().minLength(1).maxLength(50_000),
})
