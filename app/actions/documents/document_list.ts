/** @spec DOC-2 */
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Document from '#models/document'
import type User from '#models/user'
import { DocumentQuery } from '#queries/documents/document_query'
import { escapeLike, isoDay } from '#services/sql'
import { scopeToTenant } from '#tenancy/with_tenant_scope'

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

/** The LIKE pattern of a number prefix (`%` and `_` typed by the user match themselves). */
function numberPattern(prefix: string): string {
  return `${escapeLike(prefix)}%`
}

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

type Direction = 'asc' | 'desc'
type Query = ModelQueryBuilderContract<typeof Document, Row>

/** A page's row as the database returns it (no model instances: 51 of them per page). */
export interface Row {
  id: number | string
  customer_number: string
  type: 'invoice' | 'credit_note' | 'other'
  number: string | null
  title: string
  category_name: string | null
  issue_date: Date | string
  due_date: Date | string | null
  amount_cents: number | string | null
  currency: string
  read_at: unknown
}

/** A row of the page with the reader's labels on it (DocumentRowTransformer shapes it). */
export interface DocumentListRow extends Row {
  labels: Label[]
}

interface Label {
  id: number
  name: string
  color: string
}

const flip = (dir: Direction): Direction => (dir === 'asc' ? 'desc' : 'asc')
const after = (dir: Direction) => (dir === 'asc' ? '>' : '<')

/** Columns that may be empty: NULLs sort after every value in both directions. */
const NULLABLE = new Set(['due_date', 'number', 'amount_cents'])

/**
 * DOC-2: the documents a user may see, filtered and sorted, a page at a time.
 *
 * Pages are cut by keyset: the sort value and the id of the row at the page
 * edge, compared as a row (`(col, id) < (v, i)`), which the per-column
 * indexes serve as a range, so page 2,000 costs what page 1 costs. Empty
 * values sort last in both directions: the rows with a value are read
 * first, then, only when the page is not full, the empty ones by id, each
 * in index order. The user's customer numbers are passed as a list of ids
 * (the page needs them anyway), which the planner estimates well.
 */
export async function listDocuments(
  user: User,
  filters: ListFilters,
  visibleNumberIds: number[] | null = null
) {
  const column = SORTABLE[filters.sort ?? 'date']
  const col = `documents.${column}`
  const dir = filters.dir ?? 'desc'
  const afterEdge = decode(filters.after)
  const beforeEdge = afterEdge ? null : decode(filters.before)
  const reverse = !!beforeEdge
  const edge = afterEdge ?? beforeEdge
  const nullable = NULLABLE.has(column)
  /**
   * A chosen customer number narrows the list of ids itself: given both
   * `IN (all the user's numbers)` and `= the chosen one`, PostgreSQL
   * multiplies their selectivities, expects a few hundred rows where there
   * are tens of thousands, and sorts them all instead of walking the index
   * (10,000,000 documents: 216 ms instead of 2).
   */
  const numberIds =
    visibleNumberIds && filters.customerNumber
      ? visibleNumberIds.filter((id) => id === filters.customerNumber)
      : visibleNumberIds
  const readable = await DocumentQuery.for(user, numberIds)

  /** The visible documents the filters keep (conditions only). */
  const filtered = (query: Query): Query =>
    query
      .where((q) => readable.apply(q))
      .if(filters.customerNumber, (q) =>
        q.where('documents.customer_number_id', filters.customerNumber!)
      )
      .if(filters.from, (q) => q.where('documents.issue_date', '>=', filters.from!))
      .if(filters.to, (q) => q.where('documents.issue_date', '<=', filters.to!))
      .if(filters.number, (q) =>
        q.whereRaw(`documents.number like ? escape '\\'`, [numberPattern(filters.number!)])
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

  // Plain rows: the tenant scope is applied here, Lucid skips its fetch hooks for them.
  const plain = () => scopeToTenant(Document.query().pojo<Row>())

  /** The page's columns, joined to its customer number, category and the user's reading. */
  const base = (query: Query = plain()): Query =>
    query
      .select(
        'documents.id',
        'documents.type',
        'documents.number',
        'documents.title',
        'documents.issue_date',
        'documents.due_date',
        'documents.amount_cents',
        'documents.currency',
        'document_reads.read_at as read_at',
        'customer_numbers.number as customer_number',
        'categories.name as category_name'
      )
      .join('customer_numbers', 'customer_numbers.id', 'documents.customer_number_id')
      .leftJoin('categories', 'categories.id', 'documents.category_id')
      .leftJoin('document_reads', (join) =>
        join
          .on('document_reads.document_id', 'documents.id')
          .andOnVal('document_reads.user_id', user.id)
      )

  /** Rows with a value, in `order`, strictly past the edge when there is one. */
  const values = (order: Direction, from: Cursor | null, limit: number) =>
    fetchPage(
      (q) =>
        q
          .if(nullable, (query) => query.whereNotNull(col))
          .if(from, (query) =>
            query.whereRaw(`(${col}, documents.id) ${after(order)} (?, ?)`, [from![0]!, from![1]])
          ),
      [column, 'id'],
      order,
      limit
    )

  /** Rows without a value, by id in `order`, strictly past the edge id when given. */
  const empties = (order: Direction, fromId: number | null, limit: number) =>
    fetchPage(
      (q) =>
        q
          .whereNull(col)
          .if(fromId !== null, (query) => query.where('documents.id', after(order), fromId!)),
      ['id'],
      order,
      limit
    )

  /**
   * One page query, ordered by `columns`. With a number prefix on
   * PostgreSQL the planner walks the sort's index and filters, which is
   * right when the prefix matches many documents and a disaster when it
   * matches fewer old ones (numbers carry their year: "INV-2024-00" read
   * 390,000 index entries before it found 50). So the statement first takes
   * up to `documents.listPrefixProbe` matching documents (id and sort
   * value) by the number index; when that is all of them, the page is cut
   * from those, else the sort's index is walked as usual. One statement:
   * the branch not needed is never run (a one-time filter).
   */
  const fetchPage = async (
    narrow: (query: Query) => Query,
    columns: string[],
    order: Direction,
    limit: number
  ): Promise<Row[]> => {
    const ordered = (query: Query) => {
      for (const name of columns) void query.orderBy(`documents.${name}`, order)
      return query.limit(limit)
    }
    if (!filters.number || db.connection().dialect.name !== 'postgres') {
      return ordered(narrow(filtered(base())))
    }
    const most = config.get<number>('documents.listPrefixProbe')
    const probe = narrow(filtered(plain()))
      .select(...new Set(['id', ...columns].map((name) => `documents.${name}`)))
      .limit(most + 1)
      .toSQL()
    const pick = columns.map((name) => `${name} ${order}`).join(', ')
    const few = base()
      .whereRaw(`(select count(*) from number_probe) <= ${most}`)
      .whereRaw(`documents.id in (select id from number_probe order by ${pick} limit ${limit})`)
      .toSQL()
    const many = ordered(narrow(filtered(base())))
      .whereRaw(`(select count(*) from number_probe) > ${most}`)
      .toSQL()
    const result = await db.rawQuery(
      `with number_probe as materialized (${probe.sql}) ` +
        `select * from ((${few.sql}) union all (${many.sql})) as page ` +
        `order by ${columns.map((name) => `page.${name} ${order}`).join(', ')}`,
      [...probe.bindings, ...few.bindings, ...many.bindings]
    )
    return result.rows as Row[]
  }

  const want = PAGE_SIZE + 1
  let rows: Row[]
  if (!reverse) {
    // Forward: values in `dir` order, then the empty ones.
    if (edge && edge[0] === null) {
      rows = await empties(dir, edge[1], want)
    } else {
      rows = await values(dir, edge, want)
      if (nullable && rows.length < want) {
        rows = rows.concat(await empties(dir, null, want - rows.length))
      }
    }
  } else if (edge![0] === null) {
    // Backwards from an empty value: the empty ones before it, then the values from the end.
    rows = await empties(flip(dir), edge![1], want)
    if (rows.length < want) rows = rows.concat(await values(flip(dir), null, want - rows.length))
  } else {
    rows = await values(flip(dir), edge, want)
  }

  const hasMore = rows.length > PAGE_SIZE
  const page = rows.slice(0, PAGE_SIZE)
  if (reverse) page.reverse()
  const cursorOf = (row: Row): string => encode([rawValue(row, column), Number(row.id)])

  // The user's labels, and which of them sit on this page's documents, in one statement.
  const ids = page.map((row) => Number(row.id))
  const labelRows = await db
    .from('labels')
    .leftJoin('document_labels', (join) => {
      join.on('document_labels.label_id', 'labels.id')
      if (ids.length) join.onIn('document_labels.document_id', ids)
      else join.onVal('document_labels.document_id', 0)
    })
    .where('labels.user_id', user.id)
    .select('labels.id', 'labels.name', 'labels.color', 'document_labels.document_id')
    .orderBy('labels.name')
  const labels = new Map<number, Label>()
  const labelsOf = new Map<number, Label[]>()
  for (const row of labelRows) {
    if (!labels.has(row.id)) labels.set(row.id, { id: row.id, name: row.name, color: row.color })
    if (row.document_id === null) continue
    const documentId = Number(row.document_id)
    const list = labelsOf.get(documentId) ?? []
    list.push(labels.get(row.id)!)
    labelsOf.set(documentId, list)
  }

  return {
    documents: page.map((row): DocumentListRow => ({
      ...row,
      labels: labelsOf.get(Number(row.id)) ?? [],
    })),
    labels: [...labels.values()],
    next: page.length && (reverse || hasMore) ? cursorOf(page[page.length - 1]) : null,
    previous: page.length && (reverse ? hasMore : !!edge) ? cursorOf(page[0]) : null,
  }
}

/** The value a row has in the sort column, as stored (dates as YYYY-MM-DD). */
function rawValue(row: Row, column: string): string | number | null {
  const value = (row as unknown as Record<string, unknown>)[column]
  if (value === null || value === undefined) return null
  if (value instanceof Date || column.endsWith('_date')) return isoDay(value as Date | string)
  if (column === 'amount_cents') return Number(value)
  return value as string | number
}
