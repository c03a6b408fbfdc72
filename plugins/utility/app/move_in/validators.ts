import vine, { errors } from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { electronicFormatIBAN, isValidIBAN } from 'ibantools'
import type { I18n } from '@adonisjs/i18n'
import { MOVE_IN_LOCALES, UTILITY_SERVICES } from '../../shared/move_in.js'

/**
 * The move-in wizard's field checks (UTIL-2), run by the server before a
 * step goes to the workflow. Checks that need the tenant's data (is there
 * such a premise, is the date in the window) are in the controller; these
 * are the shapes.
 *
 * @spec UTIL-2
 */

/** A Belgian company number (KBO/BCE): 10 digits, the last two a mod-97 check. */
export function normaliseCompanyNumber(value: string): string | null {
  const digits = value.replace(/[\s.]/g, '').replace(/^BE/i, '')
  if (!/^[01]\d{9}$/.test(digits)) return null
  const check = 97 - (Number(digits.slice(0, 8)) % 97)
  if (check !== Number(digits.slice(8))) return null
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`
}

const companyNumber = vine.createRule((value, _options, field: FieldContext) => {
  if (typeof value !== 'string') return
  const normalised = normaliseCompanyNumber(value)
  if (!normalised) {
    field.report('The company number is not valid', 'companyNumber', field)
    return
  }
  field.mutate(normalised, field)
})

const iban = vine.createRule((value, _options, field: FieldContext) => {
  if (typeof value !== 'string') return
  const electronic = electronicFormatIBAN(value) ?? ''
  if (!isValidIBAN(electronic)) {
    field.report('The IBAN is not valid', 'iban', field)
    return
  }
  field.mutate(electronic, field)
})

const text = (max: number) => vine.string().trim().maxLength(max)
const postalCode = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}$/)

/** Every form of the wizard sends the id its page was rendered with (double submits are one). */
const submissionId = vine.string().uuid()

export const premiseStepValidator = vine.create({
  submissionId,
  mode: vine.enum(['meter', 'address'] as const),
  postalCode: postalCode(),
  meterSerial: text(40).toUpperCase().optional().requiredWhen('mode', '=', 'meter'),
  street: text(120).optional().requiredWhen('mode', '=', 'address'),
  houseNumber: text(20).optional().requiredWhen('mode', '=', 'address'),
  unit: text(20).optional(),
  city: text(80).optional().requiredWhen('mode', '=', 'address'),
})

export const moveDateStepValidator = vine.create({
  submissionId,
  moveDate: vine.date({ formats: ['YYYY-MM-DD'] }),
})

export const residentStepValidator = vine.create({
  submissionId,
  kind: vine.enum(['person', 'organisation'] as const),
  firstName: text(80).minLength(1),
  lastName: text(80).minLength(1),
  organisationName: text(120).optional().requiredWhen('kind', '=', 'organisation'),
  companyNumber: text(20).use(companyNumber()).optional().requiredWhen('kind', '=', 'organisation'),
  email: vine.string().trim().email().maxLength(254),
  phone: vine
    .string()
    .trim()
    .regex(/^\+?[\d ()./-]{8,20}$/),
  locale: vine.enum(MOVE_IN_LOCALES),
  correspondence: vine.enum(['premise', 'other'] as const),
  address: vine
    .object({
      street: text(120),
      houseNumber: text(20),
      unit: text(20).optional(),
      postalCode: text(10).minLength(4),
      city: text(80),
      country: vine
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/),
    })
    .optional()
    .requiredWhen('correspondence', '=', 'other'),
})

export const servicesStepValidator = vine.create({
  submissionId,
  choices: vine
    .array(vine.object({ service: vine.enum(UTILITY_SERVICES), product: text(40) }))
    .minLength(1)
    .maxLength(UTILITY_SERVICES.length),
})

export const readingsStepValidator = vine.create({
  submissionId,
  readings: vine
    .array(
      vine.object({
        serial: text(40).toUpperCase().minLength(1),
        service: vine.enum(UTILITY_SERVICES),
        value: vine.number().min(0).max(1_000_000_000),
        readOn: vine.date({ formats: ['YYYY-MM-DD'] }),
        confirmLower: vine.boolean().optional(),
        attachment: vine.file({ size: '10mb', extnames: ['jpg', 'jpeg', 'png', 'pdf'] }).optional(),
      })
    )
    .minLength(1)
    .maxLength(20),
})

export const paymentStepValidator = vine.create({
  submissionId,
  method: vine.enum(['direct_debit', 'transfer'] as const),
  iban: text(42).use(iban()).optional().requiredWhen('method', '=', 'direct_debit'),
  holder: text(120).optional().requiredWhen('method', '=', 'direct_debit'),
  mandate: vine.boolean().optional(),
  advance: vine.number().min(0).max(100_000),
})

export const confirmValidator = vine.create({
  submissionId,
  terms: vine.accepted(),
})

/** A refusal of one field, in the shape the forms show (`errors.<field>`). */
export function fieldError(
  field: string,
  message: string
): InstanceType<typeof errors.E_VALIDATION_ERROR> {
  return new errors.E_VALIDATION_ERROR([{ field, message, rule: 'utility' }])
}

/**
 * Messages in the visitor's language: the plugin's own
 * (`utility.validator.messages.<field>.<rule>`, field names under
 * `utility.validator.fields`), else the core's for the rule.
 */
export function wizardMessages(i18n: I18n): MessagesProviderContact {
  const fieldName = (name: string) =>
    String(i18n.resolveIdentifier(`utility.validator.fields.${name}`)?.message ?? name)
  return {
    getMessage(defaultMessage, rule, field, meta) {
      const values = { ...meta, field: i18n.formatRawMessage(fieldName(String(field.name))) }
      for (const key of [
        `utility.validator.messages.${field.wildCardPath}.${rule}`,
        `utility.validator.messages.${rule}`,
        `validator.shared.messages.${rule}`,
      ]) {
        const found = i18n.resolveIdentifier(key)
        if (found) return i18n.formatRawMessage(String(found.message), values)
      }
      return defaultMessage.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
        String((values as Record<string, unknown>)[name] ?? '')
      )
    },
  }
}
