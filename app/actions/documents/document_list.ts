import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Document from '#models/document'
import type User from '#models/user'
import { documentRights } from '#actions/documents/document_rights'
import { escapeLike } from '#services/sql'

export const SORTABLE = {
  date: 'issue_date',
  due: 'due_date',
  number: 'number',
  type: 'type',
  amount: 'amount_cents',
  title: 'title',
} as const
export type SortKey = keyof typeof SORTABLE

export interface ListFilters {
  from?: string
  to?: string
  number?: string
  type?: 'invoice' | 'credit_note' | 'other'
  amountMin?: number
  amountMax?: number
  customerNumber?: number
  category?: number
  /** One of the user's labels. */
  label?: number
  q?: string
  sort?: SortKey
  dir?: 'asc' | 'desc'
  /** Opaque cursor of the row the page starts after (keyset pagination). */
  after?: string
  /** Opaque cursor of the row the page ends before (going back). */
  before?: string
}

export const PAGE_SIZE = 50

type Cursor = [value: string | number | null, id: number]

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decode(value: string | undefined): Cursor | null {
  if (!value) return null
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[1])) {
      return parsed as Cursor
    }
  } catch {}
  return null
}

/**
 * DOC-2: the documents a user may see, filtered and sorted, a page at a time.
 * Pages are cut by keyset (the sort value and the id of the row at the page
 * edge), so page 2,000 costs what page 1 costs; NULLs sort last either way.
 */
export async function listDocuments(user: User, filters: ListFilters) {
  const column = SORTABLE[filters.sort ?? 'date']
  const dir = filters.dir ?? 'desc'
  const after = decode(filters.after)
  const before = after ? null : decode(filters.before)
  const reverse = !!before
  const order = reverse ? (dir === 'asc' ? 'desc' : 'asc') : dir

  const query = Document.query()
    .select('documents.*', 'document_reads.read_at as read_at')
    .leftJoin('document_reads', (join) =>
      join
        .on('document_reads.document_id', 'documents.id')
        .andOnVal('document_reads.user_id', user.id)
    )
    .preload('customerNumber')
    .preload('category')
    .if(filters.customerNumber, (q) =>
      q.where('documents.customer_number_id', filters.customerNumber!)
    )
    .if(filters.from, (q) => q.where('documents.issue_date', '>=', filters.from!))
    .if(filters.to, (q) => q.where('documents.issue_date', '<=', filters.to!))
    .if(filters.number, (q) =>
      q.whereRaw(`documents.number like ? escape '\\'`, [`${escapeLike(filters.number!)}%`])
    )
    .if(filters.type, (q) => q.where('documents.type', filters.type!))
    .if(filters.amountMin !== undefined, (q) =>
      q.where('documents.amount_cents', '>=', filters.amountMin!)
    )
    .if(filters.amountMax !== undefined, (q) =>
      q.where('documents.amount_cents', '<=', filters.amountMax!)
    )
    .if(filters.category, (q) => q.where('documents.category_id', filters.category!))
    .if(filters.label, (q) =>
      q.whereExists((labelled) =>
        labelled
          .from('document_labels')
          .whereColumn('document_labels.document_id', 'documents.id')
          .where('document_labels.label_id', filters.label!)
          .where('document_labels.user_id', user.id)
      )
    )
    .if(filters.q, (q) =>
      q.whereRaw(`lower(documents.title) like ? escape '\\'`, [
        `%${escapeLike(filters.q!.toLowerCase())}%`,
      ])
    )

  await documentRights.scopeReadable(query, user)
  const edge = after ?? before
  const nullsLast = !reverse
  if (edge) keyset(query, column, order, edge, nullsLast)
  orderBy(query, column, order, nullsLast)
  const rows = await query.limit(PAGE_SIZE + 1)

  const hasMore = rows.length > PAGE_SIZE
  const page = rows.slice(0, PAGE_SIZE)
  if (reverse) page.reverse()
  const cursorOf = (row: Document): string => encode([rawValue(row, column), row.id])
  const labels = page.length
    ? await db
        .from('document_labels')
        .join('labels', 'labels.id', 'document_labels.label_id')
        .where('document_labels.user_id', user.id)
        .whereIn(
          'document_labels.document_id',
          page.map((row) => row.id)
        )
        .select('document_labels.document_id', 'labels.id', 'labels.name', 'labels.color')
        .orderBy('labels.name')
    : []

  return {
    documents: page.map((row) => ({
      id: row.id,
      customerNumber: row.customerNumber.number,
      type: row.type,
      number: row.number,
      title: row.title,
      category: row.category?.name ?? null,
      issueDate: row.issueDate.toISODate(),
      dueDate: row.dueDate?.toISODate() ?? null,
      amount: row.amountCents,
      currency: row.currency,
      unread: !row.$extras.read_at,
      labels: labels
        .filter((label) => Number(label.document_id) === row.id)
        .map((label) => ({
          id: label.id as number,
          name: label.name as string,
          color: label.color as string,
        })),
    })),
    next: page.length && (reverse || hasMore) ? cursorOf(page[page.length - 1]) : null,
    previous: page.length && (reverse ? hasMore : !!edge) ? cursorOf(page[0]) : null,
  }
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, char: string) => char.toUpperCase())
}

/** The value a row has in the sort column, as stored (dates as YYYY-MM-DD). */
function rawValue(row: Document, column: string): string | number | null {
  const value = (row as unknown as Record<string, unknown>)[camel(column)]
  if (value === null || value === undefined) return null
  if (typeof value === 'object' && 'toISODate' in value) {
    return (value as { toISODate(): string }).toISODate()
  }
  return value as string | number
}

/** Columns that may be empty: NULLs sort after every value in both directions. */
const NULLABLE = new Set(['due_date', 'number', 'amount_cents'])

/**
 * The page order: the column, then the id, in one direction. `nullsLast`
 * is false only while walking backwards (the exact reverse of the order).
 */
function orderBy(
  query: ModelQueryBuilderContract<typeof Document>,
  column: string,
  dir: 'asc' | 'desc',
  nullsLast: boolean
) {
  const col = `documents.${column}`
  if (NULLABLE.has(column)) {
    void query.orderByRaw(
      `case when ${col} is null then 1 else 0 end ${nullsLast ? 'asc' : 'desc'}`
    )
  }
  void query.orderBy(col, dir).orderBy('documents.id', dir)
}

/** Rows strictly after the edge row in that order. */
function keyset(
  query: ModelQueryBuilderContract<typeof Document>,
  column: string,
  dir: 'asc' | 'desc',
  [value, id]: Cursor,
  nullsLast: boolean
) {
  const op = dir === 'asc' ? '>' : '<'
  const col = `documents.${column}`
  void query.where((q) => {
    if (value === null) {
      void q.where((inNulls) => inNulls.whereNull(col).where('documents.id', op, id))
      if (!nullsLast) void q.orWhereNotNull(col)
      return
    }
    void q.where((inValues) =>
      inValues
        .whereNotNull(col)
        .where((after) =>
          after
            .where(col, op, value)
            .orWhere((tie) => tie.where(col, value).where('documents.id', op, id))
        )
    )
    if (nullsLast && NULLABLE.has(column)) void q.orWhereNull(col)
  })
}
