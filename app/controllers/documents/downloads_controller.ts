import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import Download from '#models/download'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { DocumentQuery } from '#queries/documents/document_query'
import { zipValidator } from '#validators/documents'
import { CORE_QUEUES, queue } from '#jobs/queues'
import type { ZipJobData } from '#jobs/build_zip_job'
import DownloadTransformer from '#transformers/documents/download_transformer'
import type User from '#models/user'
import { sqlTimestamp } from '#services/sql'

/**
 * DOC-4: "download selected" queues a ZIP; the Downloads page shows each
 * ZIP's status and progress and serves finished ones until they expire.
 *
 * @spec DOC-4
 */
export default class DownloadsController {
  async store({ request, response, auth, tenant, i18n, session }: HttpContext) {
    const user = auth.user!
    const { documentIds } = await request.validateUsing(zipValidator)
    const wanted = [...new Set(documentIds)]
    if (!(await this.allReadable(wanted, user))) {
      throw fieldError('documentIds', i18n.t('documents.labels.unknown_document'))
    }
    const download = await Download.create({
      userId: user.id,
      status: 'queued',
      documentIds: JSON.stringify(wanted),
      total: wanted.length,
      done: 0,
      expiresAt: DateTime.now().plus({ hours: tenant.downloadTtlHours }),
    })
    await this.enqueue(download)
    session.flash('success', i18n.t('documents.downloads.queued', { count: wanted.length }))
    return response.redirect().toRoute('downloads.index')
  }

  /**
   * "Try again" on a failed ZIP: the same selection, built anew, as long as
   * the user still may read every document of it (rights may have changed).
   */
  async retry({ params, response, auth, i18n, session }: HttpContext) {
    const user = auth.user!
    const download = await Download.query()
      .where('id', Number(params.id) || 0)
      .where('user_id', user.id)
      .where('status', 'failed')
      .where('expires_at', '>', sqlTimestamp())
      .first()
    if (!download) throw new NotFoundException()
    if (!(await this.allReadable(download.selection(), user))) {
      session.flash('error', i18n.t('documents.downloads.retry_refused'))
      return response.redirect().toRoute('downloads.index')
    }
    download.merge({ status: 'queued', done: 0, error: null })
    await download.save()
    await this.enqueue(download)
    session.flash('success', i18n.t('documents.downloads.queued', { count: download.total }))
    return response.redirect().toRoute('downloads.index')
  }

  protected async allReadable(ids: number[], user: User): Promise<boolean> {
    const documents = await DocumentQuery.for(user)
    const readable = await documents.readableIds(ids)
    return readable.length === new Set(ids).size
  }

  protected async enqueue(download: Download) {
    await queue(CORE_QUEUES.zip).add(
      'zip',
      { tenantId: download.tenantId, downloadId: download.id } satisfies ZipJobData,
      { jobId: `zip-${randomUUID()}`, attempts: 3 }
    )
  }

  async index({ inertia, auth }: HttpContext) {
    const downloads = await Download.query()
      .where('user_id', auth.user!.id)
      .where('expires_at', '>', sqlTimestamp())
      .orderBy('id', 'desc')
      .limit(50)
    return inertia.render('portal/downloads', {
      downloads: DownloadTransformer.transform(downloads),
    })
  }

  async file({ params, auth, response }: HttpContext) {
    const download = await Download.query()
      .where('id', Number(params.id) || 0)
      .where('user_id', auth.user!.id)
      .where('status', 'finished')
      .where('expires_at', '>', sqlTimestamp())
      .first()
    if (!download?.storageKey) throw new NotFoundException()
    response.header('Content-Type', 'application/zip')
    response.header(
      'Content-Disposition',
      `attachment; filename="documents-${download.createdAt.toFormat('yyyy-LL-dd')}-${download.id}.zip"`
    )
    return response.stream(await drive.use().getStream(download.storageKey))
  }
}
