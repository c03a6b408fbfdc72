import { BaseTransformer } from '@adonisjs/core/transformers'
import type { DocumentListRow } from '#actions/documents/document_list'
import { isoDay } from '#services/sql'
import LabelTransformer from '#transformers/documents/label_transformer'

/**
 * A line of the documents list (a plain database row: a page holds 50 of
 * them, no model instances), with the reader's labels on it.
 *
 * @spec DOC-2
 */
export default class DocumentRowTransformer extends BaseTransformer<DocumentListRow> {
  toObject() {
    const row = this.resource
    return {
      id: Number(row.id),
      customerNumber: row.customer_number,
      type: row.type,
      number: row.number,
      title: row.title,
      category: row.category_name ?? null,
      issueDate: isoDay(row.issue_date),
      dueDate: row.due_date === null ? null : isoDay(row.due_date),
      /** In cents. */
      amount: row.amount_cents === null ? null : Number(row.amount_cents),
      currency: row.currency,
      unread: !row.read_at,
      labels: LabelTransformer.transform(row.labels),
    }
  }
}
