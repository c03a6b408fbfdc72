import type { HttpContext } from '@adonisjs/core/http'
import Document from '#models/document'
import CustomerNumber from '#models/customer_number'
import DocumentTransformer from '#transformers/document_transformer'
import { PublishDocument } from '#actions/documents/publish_document'
import { listDocumentsValidator, publishDocumentValidator } from '#validators/documents'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { openApiDocument } from '#services/openapi'
import { pluginApiPaths } from '#plugins/openapi'
import { PluginService } from '#plugins/plugin_service'
import PublicationBatch from '#models/publication_batch'
import { publicationBatches } from '#actions/documents/publication_batches'

function batchJson(batch: PublicationBatch) {
  return {
    key: batch.key,
    status: batch.status,
    documents: batch.documents,
    recipients: batch.recipients,
    closedAt: batch.closedAt?.toISO() ?? null,
    notifiedAt: batch.notifiedAt?.toISO() ?? null,
  }
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/**
 * The publishing API (/api/v1): a tenant's back office publishes documents
 * (idempotent by external id), lists and fetches them.
 *
 * @spec DOC-1 DOC-6
 */
export default class ApiDocumentsController {
  async store({ request, response, tenant, i18n }: HttpContext) {
    const input = await request.validateUsing(publishDocumentValidator)
    const pdf = request.file('file')
    if (!pdf?.tmpPath) throw fieldError('file', i18n.t('documents.file.missing'))
    const ubl = request.file('ubl')
    const result = await new PublishDocument(tenant, i18n).handle({
      ...input,
      pdf: { path: pdf.tmpPath, name: pdf.clientName },
      ubl: ubl?.tmpPath ? { path: ubl.tmpPath, name: ubl.clientName } : null,
    })
    await result.document.load((loader) =>
      loader.load('customerNumber').load('category').load('files')
    )
    return response
      .status(result.created ? 201 : 200)
      .send({ data: DocumentTransformer.json(result.document), created: result.created })
  }

  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(listDocumentsValidator, {
      data: request.qs(),
    })
    const limit = filters.limit ?? 50
    const number = filters.customerNumber
      ? await CustomerNumber.findByNumber(filters.customerNumber)
      : null
    const query = Document.query()
      .preload('customerNumber')
      .preload('category')
      .preload('files')
      .if(filters.customerNumber, (q) => q.where('customer_number_id', number?.id ?? 0))
      .if(filters.externalId, (q) => q.where('external_id', filters.externalId!))
      .if(filters.type, (q) => q.where('type', filters.type!))
      .if(filters.issuedFrom, (q) => q.where('issue_date', '>=', isoDay(filters.issuedFrom!)))
      .if(filters.issuedTo, (q) => q.where('issue_date', '<=', isoDay(filters.issuedTo!)))
      .if(filters.after, (q) => q.where('id', '<', filters.after!))
      .orderBy('id', 'desc')
      .limit(limit + 1)
    const rows = await query
    const page = rows.slice(0, limit)
    return {
      data: page.map((document) => DocumentTransformer.json(document)),
      next: rows.length > limit ? page[page.length - 1].id : null,
    }
  }

  async show({ params }: HttpContext) {
    const document = await Document.query()
      .where('id', Number(params.id) || 0)
      .preload('customerNumber')
      .preload('category')
      .preload('files')
      .first()
    if (!document) throw new NotFoundException()
    return { data: DocumentTransformer.json(document) }
  }

  /** DOC-6: closes a publication batch; its notifications go out now. */
  async closeBatch({ params, response }: HttpContext) {
    const batch = await PublicationBatch.findBy('key', String(params.key))
    if (!batch) throw new NotFoundException()
    const closed = await publicationBatches.close(batch)
    return response.status(202).send({ data: batchJson(closed) })
  }

  async showBatch({ params }: HttpContext) {
    const batch = await PublicationBatch.findBy('key', String(params.key))
    if (!batch) throw new NotFoundException()
    return { data: batchJson(batch) }
  }

  /** The core's API and the API routes of the plugins this tenant enabled. */
  async openapi({ containerResolver }: HttpContext) {
    const plugins = await containerResolver.make(PluginService)
    return openApiDocument(await pluginApiPaths(await plugins.enabledIds()))
  }
}
