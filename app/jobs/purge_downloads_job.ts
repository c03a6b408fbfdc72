/** @spec DOC-4 */
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { sqlTimestamp } from '#services/sql'

/**
 * DOC-4: expired ZIPs leave the disk. Runs hourly on the maintenance queue
 * for every tenant (the page and the download route already hide them the
 * moment they expire). A file that cannot be deleted now is tried again
 * on the next run: the row goes only after its file.
 */
export async function purgeExpiredDownloads(): Promise<number> {
  const expired = await db
    .from('downloads')
    .where('expires_at', '<=', sqlTimestamp())
    .select('id', 'storage_key')
    .orderBy('id')
    .limit(1000)
  let purged = 0
  for (const row of expired) {
    try {
      if (row.storage_key) await drive.use().delete(row.storage_key)
      await db.from('downloads').where('id', row.id).delete()
      purged += 1
    } catch (error) {
      logger.warn({ err: error, download: row.id }, 'could not purge an expired ZIP')
    }
  }
  if (purged) logger.info({ purged }, 'expired ZIPs purged')
  return purged
}
