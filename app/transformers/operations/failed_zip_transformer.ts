import { BaseTransformer } from '@adonisjs/core/transformers'
import type Download from '#models/download'
import { readableError } from '#services/readable_error'

/**
 * A ZIP of documents that could not be built, on the tenant's problems page
 * (OPS-1): whose it was (`owners`: e-mail by user id), how many documents,
 * the error.
 *
 * @spec OPS-1
 */
export default class FailedZipTransformer extends BaseTransformer<Download> {
  constructor(
    download: Download,
    protected owners: ReadonlyMap<number, string>
  ) {
    super(download)
  }

  toObject() {
    const download = this.resource
    return {
      id: download.id,
      user: this.owners.get(download.userId) ?? '—',
      documents: download.total,
      error: readableError(download.error),
      at: download.updatedAt.toISO(),
    }
  }
}
