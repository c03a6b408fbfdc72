import { basename } from 'node:path'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import CategoryGrant from '#models/category_grant'
import CustomerNumber from '#models/customer_number'
import Document from '#models/document'
import type PublicationBatch from '#models/publication_batch'
import type Tenant from '#models/tenant'
import { documentStorage, type StoredFile } from '#services/document_storage'
import { sqlTimestamp } from '#services/sql'
import { fingerprintOf, toCents } from '#actions/documents/publish_document'
import { documentRights } from '#actions/documents/document_rights'

/** One checked line of an import. */
export interface ImportRow {
  line: number
  path: string
  /** Bytes, as the check of the line found them. */
  size: number
  customerNumber: string
  type: 'invoice' | 'credit_note' | 'other'
  number?: string
  title: string
  category?: string
  issueDate: Date
  dueDate?: Date
  amount?: string
  currency?: string
  externalId: string
}

/** A chunk's new lines with their files stored, before its transaction. */
interface Staged {
  fresh: ImportRow[]
  prepared: Prepared[]
  stored: StoredFile[]
}

interface Prepared {
  row: ImportRow
  customerNumberId: number
  customerNumber: string
  issueDate: DateTime
  dueDate: DateTime | null
  amountCents: number | null
  currency: string
}

/** Lines per transaction. */
const CHUNK = 250

/** The rows in arrays of `size` (the last one shorter). */
async function* inChunks<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  size: number
): AsyncGenerator<T[]> {
  let chunk: T[] = []
  for await (const row of rows) {
    chunk.push(row)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}

function isoDay(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: 'utc' }).startOf('day')
}

/**
 * LEASE-5 at volume: `documents:import` publishes thousands of documents a
 * run. The same rules as one publication (files checked, SHA-256 kept, the
 * external id makes it idempotent, category rights copied, counted in the
 * batch), but a chunk of lines per transaction and several files written
 * at once.
 *
 * @spec DOC-1 LEASE-5
 */
export class ImportDocuments {
  protected numbers = new Map<string, number>()
  protected categories = new Map<string, number>()

  constructor(protected tenant: Tenant) {}

  /**
   * Lines whose external id was published before with other content: the
   * import must refuse them before storing anything.
   */
  async conflicts(rows: ImportRow[]): Promise<{ line: number; externalId: string }[]> {
    const found: { line: number; externalId: string }[] = []
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500)
      const existing = await Document.query()
        .whereIn(
          'external_id',
          chunk.map((row) => row.externalId)
        )
        .select('external_id', 'fingerprint')
      if (!existing.length) continue
      const byId = new Map(existing.map((row) => [row.externalId, row.fingerprint]))
      for (const row of chunk) {
        const fingerprint = byId.get(row.externalId)
        if (!fingerprint) continue
        const prepared = await this.prepare(row)
        const sha = await documentStorage.sha256Of(row.path)
        if (this.fingerprint(prepared, sha) !== fingerprint) {
          found.push({ line: row.line, externalId: row.externalId })
        }
      }
    }
    return found
  }

  /**
   * Publishes the lines (read as they come: a run of any length holds two
   * chunks at a time); returns how many were new. The files of the next
   * chunk are stored while the current chunk's rows are inserted (disk and
   * database at work at the same time); the outcome is that of chunks taken
   * strictly one after the other. When reading the lines fails, the chunk
   * staged but not inserted has its files removed and the error is thrown
   * (the chunks before are in; a rerun adds the rest).
   */
  async run(
    rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
    batch: PublicationBatch,
    onProgress: (done: number) => void = () => {}
  ): Promise<number> {
    const chunks = inChunks(rows, CHUNK)
    const take = async () => {
      const { value, done } = await chunks.next()
      return done ? null : value
    }
    let created = 0
    let done = 0
    let current = await take()
    let next: Promise<Staged> | null = current ? this.stage(current, new Set()) : null
    while (current) {
      const staged = await next!
      let following: ImportRow[] | null
      try {
        following = await take()
      } catch (error) {
        await documentStorage
          .remove(staged.stored.map((file) => file.storageKey))
          .catch(() => undefined)
        throw error
      }
      // The next chunk is looked up before this one commits: its lines whose external id this
      // chunk inserts count as known, as they would once this chunk is in.
      const inserting = new Set(staged.fresh.map((row) => row.externalId))
      next = following ? this.stage(following, inserting) : null
      // Settled below (awaited, or its files removed); never an unhandled rejection meanwhile.
      next?.catch(() => undefined)
      try {
        created += await this.commit(staged, batch)
      } catch (error) {
        const staging = await next?.catch(() => null)
        if (staging) {
          await documentStorage
            .remove(staging.stored.map((file) => file.storageKey))
            .catch(() => undefined)
        }
        throw error
      }
      done += current.length
      onProgress(done)
      current = following
    }
    return created
  }

  /**
   * A chunk's new lines, prepared and with their files stored (not in the
   * database yet). `inserting`: the external ids the chunk before inserts.
   */
  protected async stage(rows: ImportRow[], inserting: Set<string>): Promise<Staged> {
    const known = await Document.query()
      .whereIn(
        'external_id',
        rows.map((row) => row.externalId)
      )
      .select('external_id')
    const skip = new Set(known.map((row) => row.externalId))
    const fresh = rows.filter((row) => !skip.has(row.externalId) && !inserting.has(row.externalId))
    if (!fresh.length) return { fresh, prepared: [], stored: [] }

    await this.lookUpNumbers(fresh)
    const prepared = await Promise.all(fresh.map((row) => this.prepare(row)))
    const stored: StoredFile[] = await documentStorage.putMany(
      this.tenant.id,
      fresh.map((row) => ({
        path: row.path,
        name: basename(row.path),
        size: row.size,
        mime: 'application/pdf',
      }))
    )
    return { fresh, prepared, stored }
  }

  /** Inserts a staged chunk in one transaction; its files are removed when that fails. */
  protected async commit({ fresh, prepared, stored }: Staged, batch: PublicationBatch) {
    if (!fresh.length) return 0
    try {
      await db.transaction(async (trx) => {
        const now = sqlTimestamp()
        const retention = config.get<number>('documents.retentionYears')
        await trx
          .insertQuery()
          .table('documents')
          .multiInsert(
            prepared.map((item, index) => ({
              tenant_id: this.tenant.id,
              customer_number_id: item.customerNumberId,
              type: item.row.type,
              number: item.row.number ?? null,
              title: item.row.title,
              category_id: item.row.category ? this.categories.get(item.row.category)! : null,
              issue_date: item.issueDate.toISODate(),
              due_date: item.dueDate?.toISODate() ?? null,
              amount_cents: item.amountCents,
              currency: item.currency,
              external_id: item.row.externalId,
              fingerprint: this.fingerprint(item, stored[index].sha256),
              retain_until: item.issueDate.plus({ years: retention }).toISODate(),
              audience: 'customer_number',
              source: 'import',
              batch_id: batch.id,
              created_at: now,
              updated_at: now,
            }))
          )
        // Read back by external id (SQLite's multi-row insert returns no ids).
        const documents = await trx
          .from('documents')
          .where('tenant_id', this.tenant.id)
          .whereIn(
            'external_id',
            prepared.map((item) => item.row.externalId)
          )
          .select('id', 'external_id')
        const idOf = new Map(
          (documents as { id: number | string; external_id: string }[]).map((row) => [
            row.external_id,
            Number(row.id),
          ])
        )
        await trx
          .insertQuery()
          .table('document_files')
          .multiInsert(
            prepared.map((item, index) => ({
              tenant_id: this.tenant.id,
              document_id: idOf.get(item.row.externalId),
              kind: 'pdf',
              storage_key: stored[index].storageKey,
              sha256: stored[index].sha256,
              size: stored[index].size,
              mime: stored[index].mime,
              original_name: stored[index].originalName,
              created_at: now,
            }))
          )
        await trx
          .insertQuery()
          .table('document_events')
          .multiInsert(
            prepared.map((item) => ({
              tenant_id: this.tenant.id,
              document_id: idOf.get(item.row.externalId),
              action: 'published',
              created_at: now,
            }))
          )
        // DOC-8: categories with rights hand them to their new documents.
        for (const item of prepared) {
          const categoryId = item.row.category ? this.categories.get(item.row.category) : null
          if (!categoryId || !(await this.hasGrants(categoryId))) continue
          const document = await Document.findOrFail(idOf.get(item.row.externalId), {
            client: trx,
          })
          await documentRights.copyCategoryGrants(document, categoryId, trx)
        }
        await trx
          .from('publication_batches')
          .where('id', batch.id)
          .increment('documents', prepared.length)
      })
    } catch (error) {
      await documentStorage.remove(stored.map((file) => file.storageKey)).catch(() => undefined)
      throw error
    }
    return fresh.length
  }

  protected grants = new Map<number, boolean>()

  protected async hasGrants(categoryId: number): Promise<boolean> {
    if (!this.grants.has(categoryId)) {
      const grant = await CategoryGrant.query().where('category_id', categoryId).first()
      this.grants.set(categoryId, !!grant)
    }
    return this.grants.get(categoryId)!
  }

  /**
   * The ids of the customer numbers of these lines not looked up yet, in
   * one query (prepare() then finds them in its map).
   */
  protected async lookUpNumbers(rows: ImportRow[]) {
    const missing = [
      ...new Set(rows.map((row) => CustomerNumber.normalize(row.customerNumber))),
    ].filter((number) => !this.numbers.has(number))
    if (!missing.length) return
    const found = await CustomerNumber.query().whereIn('number', missing).select('id', 'number')
    for (const number of found) this.numbers.set(number.number, number.id)
  }

  protected async prepare(row: ImportRow): Promise<Prepared> {
    const typed = CustomerNumber.normalize(row.customerNumber)
    let customerNumberId = this.numbers.get(typed)
    if (customerNumberId === undefined) {
      const number = await CustomerNumber.findByNumber(typed)
      if (!number) throw new Error(`line ${row.line}: unknown customer number ${typed}`)
      customerNumberId = number.id
      this.numbers.set(typed, customerNumberId)
    }
    if (row.category && !this.categories.has(row.category)) {
      const category = await Category.firstOrCreate({ name: row.category }, { name: row.category })
      this.categories.set(row.category, category.id)
      if (category.$isLocal) Category.forgetOptions(this.tenant.id)
    }
    return {
      row,
      customerNumberId,
      customerNumber: typed,
      issueDate: isoDay(row.issueDate),
      dueDate: row.dueDate ? isoDay(row.dueDate) : null,
      amountCents: toCents(row.amount),
      currency: row.currency ?? 'EUR',
    }
  }

  protected fingerprint(item: Prepared, sha256: string): string {
    return fingerprintOf({
      customerNumber: item.customerNumber,
      type: item.row.type,
      number: item.row.number ?? null,
      title: item.row.title,
      category: item.row.category ?? null,
      issueDate: item.issueDate.toISODate(),
      dueDate: item.dueDate?.toISODate() ?? null,
      amountCents: item.amountCents,
      currency: item.currency,
      sha256s: [sha256],
    })
  }
}
