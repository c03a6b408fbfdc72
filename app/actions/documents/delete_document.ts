import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type Document from '#models/document'
import type User from '#models/user'
import { activityLog } from '#services/activity_log'
import { documentStorage } from '#services/document_storage'

/**
 * DOC-7 "can delete": the document, its files, grants, labels and history
 * (the rows go in one transaction with the activity log line; the stored
 * files after it: a file that cannot be removed then is an orphan, never
 * shown).
 *
 * @spec DOC-7
 */
export class DeleteDocument {
  async handle(document: Document, actor: User, ip: string | null) {
    await document.load('files')
    const keys = document.files.map((file) => file.storageKey)
    await db.transaction(async (trx) => {
      document.useTransaction(trx)
      await document.delete()
      await activityLog.record(
        {
          type: 'document.deleted',
          actor,
          ip,
          details: { document: document.number ?? document.title, id: document.id },
        },
        trx
      )
    })
    await documentStorage.remove(keys).catch((error) => logger.warn({ err: error }, 'orphan file'))
  }
}
