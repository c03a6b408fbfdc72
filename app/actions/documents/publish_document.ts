import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import Category from '#models/category'
import CustomerNumber from '#models/customer_number'
import Document, { type DocumentType } from '#models/document'
import DocumentEvent from '#models/document_event'
import DocumentFile from '#models/document_file'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { documentRights } from '#actions/documents/document_rights'
import { publicationBatches } from '#actions/documents/publication_batches'
import { fieldError, UserFacingException } from '#exceptions/user_facing_exception'
import { documentStorage, RefusedFile, type StoredFile } from '#services/document_storage'
import { uploadGroups, type DocumentFileKind } from '#config/documents'

export interface PublishInput {
  customerNumber: string
  type: DocumentType
  number?: string
  title: string
  category?: string
  issueDate: Date
  dueDate?: Date
  amount?: string
  currency?: string
  externalId?: string
  pdf: { path: string; name: string }
  ubl?: { path: string; name: string } | null
  /** Where the document comes from (default: the API). */
  source?: 'api' | 'import' | 'upload' | 'staff'
  /**
   * DOC-9: a portal user's upload: any accepted file type, open only to the
   * uploader (who keeps rights on it) and staff, without category.
   */
  uploadedBy?: User
  /**
   * DOC-6: the publication run it belongs to (its notification lists every
   * document of the run). Without one, the document is announced alone.
   */
  batch?: string | null
  /** Announce it at all (an upload announces itself to staff instead). */
  notify?: boolean
}

export interface PublishResult {
  document: Document
  /** False when the external id was published before with the same content. */
  created: boolean
}

export function toCents(amount: string | undefined): number | null {
  if (amount === undefined) return null
  const negative = amount.startsWith('-')
  const [whole, fraction = ''] = amount.replace('-', '').split('.')
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return negative ? -cents : cents
}

/**
 * What makes two publications under one external id "the same": the
 * canonical metadata and the files' SHA-256s.
 */
export function fingerprintOf(content: {
  customerNumber: string
  type: string
  number: string | null
  title: string
  category: string | null
  issueDate: string | null
  dueDate: string | null
  amountCents: number | null
  currency: string
  sha256s: string[]
}): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        content.customerNumber,
        content.type,
        content.number,
        content.title,
        content.category,
        content.issueDate,
        content.dueDate,
        content.amountCents,
        content.currency,
        content.sha256s,
      ])
    )
    .digest('hex')
}

/**
 * The publishing API's core: checks and stores the files, then records the
 * document in one transaction. The external id makes it idempotent: the
 * same content again returns the first document; other content under the
 * same id is refused. A refusal stores nothing (stored files are removed).
 *
 * @spec DOC-1 DOC-6 DOC-8 DOC-9
 */
export class PublishDocument {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async handle(input: PublishInput): Promise<PublishResult> {
    const number = await CustomerNumber.findByNumber(input.customerNumber)
    if (!number) {
      throw fieldError('customerNumber', this.i18n.t('documents.publish.unknown_customer_number'))
    }
    const issueDate = DateTime.fromJSDate(input.issueDate, { zone: 'utc' }).startOf('day')
    const dueDate = input.dueDate
      ? DateTime.fromJSDate(input.dueDate, { zone: 'utc' }).startOf('day')
      : null
    const amountCents = toCents(input.amount)
    const currency = input.currency ?? 'EUR'

    const stored: StoredFile[] = []
    let fingerprint: string | null = null
    try {
      stored.push(await this.storeFile('file', input.uploadedBy ? 'attachment' : 'pdf', input.pdf))
      if (input.ubl) stored.push(await this.storeFile('ubl', 'ubl', input.ubl))

      const contentFingerprint = fingerprintOf({
        customerNumber: number.number,
        type: input.type,
        number: input.number ?? null,
        title: input.title,
        category: input.category ?? null,
        issueDate: issueDate.toISODate(),
        dueDate: dueDate?.toISODate() ?? null,
        amountCents,
        currency,
        sha256s: stored.map((file) => file.sha256),
      })
      fingerprint = contentFingerprint

      if (input.externalId) {
        const existing = await Document.findBy('external_id', input.externalId)
        if (existing) {
          await documentStorage.remove(stored.map((file) => file.storageKey))
          stored.length = 0
          return this.sameOrConflict(existing, contentFingerprint)
        }
      }

      const batch =
        input.notify === false
          ? null
          : await publicationBatches.open(
              input.batch ?? null,
              input.source === 'import' ? 'import' : 'api'
            )
      const document = await db.transaction(async (trx) => {
        const category =
          input.category && !input.uploadedBy
            ? await Category.firstOrCreate(
                { name: input.category },
                { name: input.category },
                { client: trx }
              )
            : null
        if (category?.$isLocal) Category.forgetOptions(this.tenant.id)
        const created = await Document.create(
          {
            customerNumberId: number.id,
            type: input.type,
            number: input.number ?? null,
            title: input.title,
            categoryId: category?.id ?? null,
            issueDate,
            dueDate,
            amountCents,
            currency,
            externalId: input.externalId ?? null,
            fingerprint: contentFingerprint,
            retainUntil: issueDate.plus({ years: config.get<number>('documents.retentionYears') }),
            audience: input.uploadedBy ? 'grants' : 'customer_number',
            source: input.source ?? (input.uploadedBy ? 'upload' : 'api'),
            createdById: input.uploadedBy?.id ?? null,
            updatedById: input.uploadedBy?.id ?? null,
            batchId: batch?.id ?? null,
          },
          { client: trx }
        )
        if (batch) await publicationBatches.added(batch.id, trx)
        if (category) await documentRights.copyCategoryGrants(created, category.id, trx)
        if (input.uploadedBy) await documentRights.grantUploader(created, input.uploadedBy, trx)
        for (const [index, file] of stored.entries()) {
          await DocumentFile.create(
            {
              documentId: created.id,
              // An upload that is a PDF is shown in the viewer like a published one.
              kind: index > 0 ? 'ubl' : file.mime === 'application/pdf' ? 'pdf' : 'attachment',
              ...file,
            },
            { client: trx }
          )
        }
        await DocumentEvent.create({ documentId: created.id, action: 'published' }, { client: trx })
        return created
      })
      if (batch && !batch.key) await publicationBatches.close(batch)
      return { document, created: true }
    } catch (error) {
      await documentStorage.remove(stored.map((file) => file.storageKey)).catch(() => undefined)
      // Two publications of one external id at the same instant: the loser answers like a retry.
      if (input.externalId && fingerprint && isUniqueViolation(error)) {
        const existing = await Document.findBy('external_id', input.externalId)
        if (existing) return this.sameOrConflict(existing, fingerprint)
      }
      throw error
    }
  }

  protected sameOrConflict(existing: Document, fingerprint: string): PublishResult {
    if (existing.fingerprint === fingerprint) return { document: existing, created: false }
    throw new UserFacingException('documents.publish.external_id_conflict', {
      status: 409,
      code: 'E_EXTERNAL_ID_CONFLICT',
    })
  }

  protected async storeFile(
    field: string,
    kind: DocumentFileKind,
    file: { path: string; name: string }
  ) {
    try {
      const only =
        kind === 'attachment'
          ? this.tenant.uploadTypes.split(',').flatMap((group) => uploadGroups[group.trim()] ?? [])
          : undefined
      return await documentStorage.store(this.tenant.id, kind, file, only)
    } catch (error) {
      if (error instanceof RefusedFile) {
        throw fieldError(
          field,
          this.i18n.t(`documents.file.${error.reason}`, {
            megabytes: Math.round(config.get<number>('documents.maxFileBytes') / 1024 / 1024),
          })
        )
      }
      throw error
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}
