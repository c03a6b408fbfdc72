import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Document from '#models/document'
import { tenantOwned } from '#database/factories/tenant_owned'

/**
 * A published document row (DOC-1) without files, for list, rights and
 * label tests: an invoice of 100 EUR issued on 2026-01-15, kept seven years
 * from its issue date (DOC-8). Merge `customerNumberId`: a document always
 * belongs to a customer number.
 */
export const DocumentFactory = tenantOwned(
  factory
    .define(Document, () => ({
      type: 'invoice' as const,
      number: `INV-${randomUUID().slice(0, 8)}`,
      title: 'Lease instalment',
      issueDate: DateTime.fromISO('2026-01-15'),
      dueDate: null,
      amountCents: 10000,
      currency: 'EUR',
      fingerprint: randomUUID().replaceAll('-', ''),
    }))
    // The retention follows the issue date, whichever one was merged.
    .after('make', (_, document) => {
      document.retainUntil ??= document.issueDate.plus({ years: 7 })
    })
    .build()
)
