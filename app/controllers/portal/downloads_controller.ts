import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import Document from '#models/document'
import Download from '#models/download'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { documentRights } from '#actions/documents/document_rights'
import { zipValidator } from '#validators/documents'
import { CORE_QUEUES, queue } from '#jobs/queues'
import type { ZipJobData } from '#jobs/build_zip_job'
import { sqlTimestamp } from '#services/sql'

/**
 * DOC-4: "download selected" queues a ZIP; the Downloads page shows each
 * ZIP's status and progress and serves finished ones until they expire.
 */
export default class DownloadsController {
  async store({ request, response, auth, tenant, i18n, session }: HttpContext) {
    const user = auth.user!
    const { documentIds } = await request.validateUsing(zipValidator)
    const wanted = [...new Set(documentIds)]
    const readable = Document.query().whereIn('documents.id', wanted).select('id')
    await documentRights.scopeReadable(readable, user)
    const found = await readable
    if (found.length !== wanted.length) {
      throw fieldError('documentIds', i18n.t('documents.labels.unknown_document'))
    }
    const download = await Download.create({
      tenantId: tenant.id,
      userId: user.id,
      status: 'queued',
      documentIds: JSON.stringify(wanted),
      total: wanted.length,
      done: 0,
      expiresAt: DateTime.now().plus({ hours: tenant.downloadTtlHours }),
    })
    await queue(CORE_QUEUES.zip).add(
      'zip',
      { tenantId: tenant.id, downloadId: download.id } satisfies ZipJobData,
      { jobId: `zip-${randomUUID()}`, attempts: 3 }
    )
    session.flash('success', i18n.t('documents.downloads.queued', { count: wanted.length }))
    return response.redirect().toRoute('downloads.index')
  }

  async index({ inertia, auth }: HttpContext) {
    const downloads = await Download.query()
      .where('user_id', auth.user!.id)
      .where('expires_at', '>', sqlTimestamp())
      .orderBy('id', 'desc')
      .limit(50)
    return inertia.render('portal/downloads', {
      downloads: downloads.map((download) => ({
        id: download.id,
        status: download.status,
        total: download.total,
        done: download.done,
        size: download.size,
        createdAt: download.createdAt.toISO(),
        expiresAt: download.expiresAt.toISO(),
      })),
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
