import db from '@adonisjs/lucid/services/db'
import type Document from '#models/document'
import DocumentEvent from '#models/document_event'
import type User from '#models/user'
import { sqlTimestamp } from '#services/sql'

export type DocumentAccess =
  'viewed' | 'downloaded_pdf' | 'downloaded_ubl' | 'downloaded_file' | 'downloaded_csv'

/**
 * DOC-3: a line in the document's history for each view and download; a
 * view also marks the document read for that user (the list's "new" mark).
 *
 * @spec DOC-3
 */
export class RecordDocumentAccess {
  async handle(document: Document, user: User, action: DocumentAccess, ip: string | null) {
    if (action === 'viewed') {
      await db
        .table('document_reads')
        .insert({
          document_id: document.id,
          user_id: user.id,
          tenant_id: document.tenantId,
          read_at: sqlTimestamp(),
        })
        .onConflict(['document_id', 'user_id'])
        .ignore()
    }
    await DocumentEvent.create({ documentId: document.id, userId: user.id, action, ip })
  }
}
