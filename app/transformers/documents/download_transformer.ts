import { BaseTransformer } from '@adonisjs/core/transformers'
import type Download from '#models/download'
import { zipFailure } from '#jobs/build_zip_job'

/**
 * A ZIP on the Downloads page (DOC-4): its progress, and why it failed.
 *
 * @spec DOC-4
 */
export default class DownloadTransformer extends BaseTransformer<Download> {
  toObject() {
    const download = this.resource
    return {
      ...this.pick(download, ['id', 'status', 'total', 'done', 'size']),
      /** Why a failed ZIP failed: a damaged document (trying again cannot help), or anything else. */
      failure: download.status === 'failed' ? zipFailure(download.error) : null,
      createdAt: download.createdAt.toISO(),
      expiresAt: download.expiresAt.toISO(),
    }
  }
}
