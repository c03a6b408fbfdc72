import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * DOC-2 at scale (bench/documents-list): the list of a customer with 100,000
 * documents, and the staff's list of every document, are cut in the order
 * of the sorted column. With an index per sortable column (tenant, column,
 * id) PostgreSQL reads a page in that order and stops after 51 rows instead
 * of sorting every visible document; the id makes the order total, as the
 * keyset cursor needs. The numbers of smaller customers keep using
 * documents_list_index (tenant, customer number, date, id).
 *
 * The date, title and type indexes serve the current query on page 1; the
 * deep pages, the nullable columns (due date, number, amount) and the
 * visibility filter need the query changes described with the benchmark
 * (keyset as a row comparison, NULLs as a separate range, visible numbers as
 * a list of ids) to use them.
 *
 * Also: the read marks of one user (the list joins them per user), and on
 * PostgreSQL the number prefix filter (`number like 'INV-2024-%'`), which a
 * plain index only serves under the C collation.
 */
const SORT_COLUMNS = ['issue_date', 'due_date', 'number', 'type', 'amount_cents', 'title'] as const

function indexName(column: string) {
  return `documents_tenant_${column}_id_index`
}

/** @spec DOC-2 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('documents', (table) => {
      for (const column of SORT_COLUMNS) {
        table.index(['tenant_id', column, 'id'], indexName(column))
      }
    })
    this.schema.alterTable('document_reads', (table) => {
      table.index(['user_id', 'document_id'], 'document_reads_user_id_document_id_index')
    })
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw(
        'create index documents_number_prefix_index on documents (tenant_id, number varchar_pattern_ops)'
      )
    }
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('drop index if exists documents_number_prefix_index')
    }
    this.schema.alterTable('document_reads', (table) => {
      table.dropIndex(['user_id', 'document_id'], 'document_reads_user_id_document_id_index')
    })
    this.schema.alterTable('documents', (table) => {
      for (const column of SORT_COLUMNS) {
        table.dropIndex(['tenant_id', column, 'id'], indexName(column))
      }
    })
  }
}
