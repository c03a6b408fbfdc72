/** @spec DOC-6 */
import Document from '#models/document'
import type Tenant from '#models/tenant'
import { documentStorage } from '#services/document_storage'

export interface MailAttachment {
  filename: string
  contentType: string
  content: Buffer
}

/**
 * DOC-6: the documents of a notification, read when the e-mail is sent.
 * Per customer number, a document is attached (mode `attachment`) while
 * the e-mail stays under the tenant's size cap; past it, or in mode
 * `link`, the e-mail links to the document. Documents deleted since the
 * publication are left out.
 */
export async function prepareDocumentsPublished(
  data: Record<string, unknown>,
  tenant: Tenant | null
): Promise<{ view: Record<string, unknown>; attachments: MailAttachment[] }> {
  const ids = (data.documentIds as number[] | undefined) ?? []
  const documents = ids.length
    ? await Document.query()
        .whereIn('id', ids)
        .preload('customerNumber')
        .preload('files', (files) => files.where('kind', 'pdf'))
        .orderBy('issue_date', 'desc')
        .orderBy('id', 'desc')
    : []
  const cap = tenant?.attachmentMaxBytes ?? 0
  let attachedBytes = 0
  const attachments: MailAttachment[] = []
  const rows = []
  for (const document of documents) {
    const pdf = document.files[0]
    let attached = false
    if (
      pdf &&
      document.customerNumber.notifyMode === 'attachment' &&
      attachedBytes + pdf.size <= cap
    ) {
      attachments.push({
        filename: pdf.originalName,
        contentType: pdf.mime,
        content: await documentStorage.read(pdf),
      })
      attachedBytes += pdf.size
      attached = true
    }
    rows.push({
      title: document.title,
      number: document.number,
      customerNumber: document.customerNumber.number,
      issueDate: document.issueDate.toISODate(),
      amount: document.amountCents,
      currency: document.currency,
      url: tenant ? tenant.url(`/documents/${document.id}`) : '',
      attached,
    })
  }
  return {
    view: { documents: rows, more: Math.max(0, Number(data.total ?? 0) - rows.length) },
    attachments,
  }
}
