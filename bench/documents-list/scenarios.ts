/**
 * What bench/documents-list measures: who asks, for which list, and how
 * deep. Each scenario is measured on its first page and on a page deep in
 * its list (at DEEP_FRACTION of the matching rows).
 */
import type { BenchData } from './seed.ts'

export const PAGE_SIZE = 50
/** The deep page starts this far into the matching rows (page 1,601 of 2,000 for 100,000). */
export const DEEP_FRACTION = 0.8

export type Who = 'customer' | 'small' | 'accountant' | 'staff' | 'api'

export interface Scenario {
  /** Short, URL-safe. */
  key: string
  who: Who
  label: string
  /** The list's query string (portal: documentFiltersValidator; API: listDocumentsValidator). */
  query: Record<string, string>
  /** The main ones count for the targets; the others are shown for information. */
  primary: boolean
}

export const SORTS = [
  ['date', 'desc'],
  ['date', 'asc'],
  ['due', 'desc'],
  ['number', 'desc'],
  ['number', 'asc'],
  ['type', 'desc'],
  ['amount', 'desc'],
  ['title', 'desc'],
] as const

/** The column behind each sort key (app/actions/documents/document_list.ts SORTABLE). */
export const SORT_COLUMNS: Record<string, string> = {
  date: 'issue_date',
  due: 'due_date',
  number: 'number',
  type: 'type',
  amount: 'amount_cents',
  title: 'title',
}
export const NULLABLE_COLUMNS = new Set(['due_date', 'number', 'amount_cents'])

export function scenarios(data: BenchData): Scenario[] {
  const [largest, second] = data.bigNumbers
  const list: Scenario[] = []
  for (const [sort, dir] of SORTS) {
    const isDefault = sort === 'date' && dir === 'desc'
    list.push({
      key: `customer-sort-${sort}-${dir}`,
      who: 'customer',
      label: isDefault
        ? 'customer, default (date ▼)'
        : `customer, sort ${sort} ${dir === 'asc' ? '▲' : '▼'}`,
      query: isDefault ? {} : { sort, dir },
      primary: true,
    })
  }
  const filters: [string, string, Record<string, string>][] = [
    ['period', 'period 2024', { from: '2024-01-01', to: '2024-12-31' }],
    ['type', 'type credit note', { type: 'credit_note' }],
    ['amount', 'amount 100–500', { amountMin: '100', amountMax: '500' }],
    ['number', 'number INV-2024-00…', { number: 'INV-2024-00' }],
    ['customer-number', `customer number ${second.number}`, { customerNumber: String(second.id) }],
    [
      'combined',
      `${largest.number}, invoices 2023–2025 ≥ 1,000`,
      {
        customerNumber: String(largest.id),
        type: 'invoice',
        from: '2023-01-01',
        to: '2025-12-31',
        amountMin: '1000',
      },
    ],
  ]
  for (const [key, label, query] of filters) {
    list.push({
      key: `customer-filter-${key}`,
      who: 'customer',
      label: `customer, ${label}`,
      query,
      primary: true,
    })
  }
  list.push(
    {
      key: 'small-customer-default',
      who: 'small',
      label: `typical customer (${data.smallUser.documents} documents), default`,
      query: {},
      primary: false,
    },
    {
      key: 'small-customer-sort-title-desc',
      who: 'small',
      label: 'typical customer, sort title ▼',
      query: { sort: 'title', dir: 'desc' },
      primary: false,
    },
    {
      key: 'accountant-default',
      who: 'accountant',
      label: 'shared user (1 number), default',
      query: {},
      primary: false,
    },
    {
      key: 'staff-default',
      who: 'staff',
      label: 'staff, default (all)',
      query: {},
      primary: false,
    },
    {
      key: 'staff-sort-title-desc',
      who: 'staff',
      label: 'staff, sort title ▼',
      query: { sort: 'title', dir: 'desc' },
      primary: false,
    },
    {
      key: 'staff-filter-number',
      who: 'staff',
      label: 'staff, number INV-2024-00…',
      query: { number: 'INV-2024-00' },
      primary: false,
    },
    { key: 'api-default', who: 'api', label: 'API, newest first', query: {}, primary: false },
    {
      key: 'api-filter',
      who: 'api',
      label: `API, ${largest.number} invoices`,
      query: { customerNumber: largest.number, type: 'invoice' },
      primary: false,
    }
  )
  return list
}
