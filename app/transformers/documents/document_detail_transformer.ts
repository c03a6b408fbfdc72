import { BaseTransformer } from '@adonisjs/core/transformers'
import type Document from '#models/document'
import type { PeopleNames } from '#queries/documents/document_detail'

/**
 * The file a document is about: its PDF, else what a customer uploaded;
 * PDFs and images can be shown in the page.
 */
function mainFileOf(document: Document) {
  const file =
    document.files.find((row) => row.kind === 'pdf') ??
    document.files.find((row) => row.kind === 'attachment')
  if (!file) return null
  return {
    kind: file.kind as 'pdf' | 'attachment',
    name: file.originalName,
    mime: file.mime,
    preview: (file.mime === 'application/pdf'
      ? 'pdf'
      : file.mime.startsWith('image/')
        ? 'image'
        : null) as 'pdf' | 'image' | null,
  }
}

/**
 * A document on its own page (DOC-3): key figures, its main file, where it
 * came from and who created and last changed it. Needs `customerNumber`,
 * `category` and `files` loaded (`documentDetail` does it).
 *
 * @spec DOC-3
 */
export default class DocumentDetailTransformer extends BaseTransformer<Document> {
  constructor(
    document: Document,
    protected names: PeopleNames
  ) {
    super(document)
  }

  toObject() {
    const document = this.resource
    const nameOf = (id: number | null) => (id ? (this.names.get(id) ?? null) : null)
    return {
      ...this.pick(document, ['id', 'type', 'number', 'title', 'currency', 'audience', 'source']),
      customerNumber: document.customerNumber.number,
      category: document.category?.name ?? null,
      issueDate: document.issueDate.toISODate(),
      dueDate: document.dueDate?.toISODate() ?? null,
      /** In cents. */
      amount: document.amountCents,
      hasUbl: document.files.some((file) => file.kind === 'ubl'),
      mainFile: mainFileOf(document),
      createdAt: document.createdAt.toISO(),
      createdBy: nameOf(document.createdById),
      updatedAt: document.updatedAt.toISO(),
      updatedBy: nameOf(document.updatedById),
    }
  }
}
