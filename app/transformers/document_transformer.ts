import { BaseTransformer } from '@adonisjs/core/transformers'
import type Document from '#models/document'

/**
 * A document as the publishing API returns it.
 *
 * @spec DOC-1
 */
export default class DocumentTransformer extends BaseTransformer<Document> {
  /** The plain JSON object (for the API's own responses). */
  static json(document: Document) {
    return new DocumentTransformer(document).toObject()
  }

  toObject() {
    const document = this.resource
    return {
      id: document.id,
      externalId: document.externalId,
      customerNumber: document.customerNumber?.number ?? null,
      type: document.type,
      number: document.number,
      title: document.title,
      category: document.category?.name ?? null,
      issueDate: document.issueDate.toISODate(),
      dueDate: document.dueDate?.toISODate() ?? null,
      amount: document.amountCents === null ? null : (document.amountCents / 100).toFixed(2),
      currency: document.currency,
      retainUntil: document.retainUntil.toISODate(),
      files: (document.files ?? []).map((file) => ({
        kind: file.kind,
        name: file.originalName,
        size: file.size,
        mime: file.mime,
        sha256: file.sha256,
      })),
      createdAt: document.createdAt.toISO(),
    }
  }
}
