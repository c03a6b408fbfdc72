/** @spec DOC-1 DOC-2 DOC-5 DOC-7 DOC-9 DOC-10 */
import vine from '@vinejs/vine'
import { idList } from '#validators/fields'

/** An ISO date (YYYY-MM-DD). */
const isoDate = () => vine.date({ formats: ['YYYY-MM-DD'] })

/**
 * The metadata of a published document (multipart fields next to the files).
 */
export const publishDocumentValidator = vine.create({
  customerNumber: vine.string().trim().minLength(3).maxLength(40),
  type: vine.enum(['invoice', 'credit_note', 'other'] as const),
  number: vine.string().trim().maxLength(64).optional(),
  title: vine.string().trim().minLength(1).maxLength(200),
  category: vine.string().trim().maxLength(100).optional(),
  issueDate: isoDate(),
  dueDate: isoDate().afterOrSameAs('issueDate').optional(),
  /** Amount including VAT, with at most two decimals (e.g. 1234.56 or -99.5). */
  amount: vine
    .string()
    .trim()
    .regex(/^-?\d{1,13}(\.\d{1,2})?$/)
    .optional(),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  externalId: vine.string().trim().minLength(1).maxLength(128).optional(),
  /** The publication run (DOC-6): its documents are announced in one e-mail per recipient. */
  batch: vine
    .string()
    .trim()
    .regex(/^[\w.:-]{1,128}$/)
    .optional(),
})

export const listDocumentsValidator = vine.create({
  customerNumber: vine.string().trim().maxLength(40).optional(),
  externalId: vine.string().trim().maxLength(128).optional(),
  type: vine.enum(['invoice', 'credit_note', 'other'] as const).optional(),
  issuedFrom: isoDate().optional(),
  issuedTo: isoDate().optional(),
  /** The id of the last document of the previous page (keyset pagination). */
  after: vine.number().withoutDecimals().positive().optional(),
  limit: vine.number().withoutDecimals().range([1, 200]).optional(),
})

/** The list's filters as they appear in the URL (DOC-2). */
export const documentFiltersValidator = vine.create({
  from: isoDate().optional(),
  to: isoDate().optional(),
  number: vine.string().trim().maxLength(64).optional(),
  type: vine.enum(['invoice', 'credit_note', 'other'] as const).optional(),
  amountMin: vine.number().range([-1e13, 1e13]).optional(),
  amountMax: vine.number().range([-1e13, 1e13]).optional(),
  customerNumber: vine.number().withoutDecimals().positive().optional(),
  category: vine.number().withoutDecimals().positive().optional(),
  label: vine.number().withoutDecimals().positive().optional(),
  q: vine.string().trim().maxLength(100).optional(),
  sort: vine.enum(['date', 'due', 'number', 'type', 'amount', 'title'] as const).optional(),
  dir: vine.enum(['asc', 'desc'] as const).optional(),
  after: vine.string().maxLength(200).optional(),
  before: vine.string().maxLength(200).optional(),
})

export const labelValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(20),
  color: vine.string().trim().hexCode(),
})

const ids = (max = 500) => idList(max).minLength(1)

export const applyLabelsValidator = vine.create({
  documentIds: ids(),
  labelIds: ids(),
  action: vine.enum(['add', 'remove'] as const),
})

export const zipValidator = vine.create({
  documentIds: ids(1000),
})

/** A tick box in a form: present and truthy means yes. */
const tick = () => vine.boolean().optional()

/** The four rights of DOC-7 as ticked in a rights tab. */
export const grantRightsValidator = vine.create({
  read: tick(),
  update: tick(),
  delete: tick(),
  changeSecurity: tick(),
})

/** A new line in a rights tab: a person (by e-mail) or a customer (by number or name). */
export const newGrantValidator = vine.create({
  subjectType: vine.enum(['user', 'customer'] as const),
  subject: vine.string().trim().minLength(1).maxLength(254),
  read: tick(),
  update: tick(),
  delete: tick(),
  changeSecurity: tick(),
})

/** Who a document is open to (DOC-7): its customer number, or only the rights tab. */
export const audienceValidator = vine.create({
  audience: vine.enum(['customer_number', 'grants'] as const),
})

/** DOC-10: staff put a document in a category (or none). */
export const classifyValidator = vine.create({
  categoryId: vine.number().withoutDecimals().positive().nullable().optional(),
})

/** Editing a document's description (the "can update" right). */
export const updateDocumentValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
})

/** A category of the tenant (staff). */
export const categoryValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
})

/** DOC-9: a customer's upload (the file itself is checked by content). */
export const uploadValidator = vine.create({
  customerNumberId: vine.number().withoutDecimals().positive(),
  title: vine.string().trim().minLength(1).maxLength(200),
})

/** A publishing API token for a back office (tenant admins). */
export const apiTokenValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  days: vine.number().withoutDecimals().range([1, 3650]).optional(),
})
