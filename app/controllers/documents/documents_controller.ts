import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { slotPanels } from '#plugins/slots'
import Category from '#models/category'
import DocumentPolicy from '#policies/document_policy'
import { findDocument } from '#actions/documents/find_document'
import { NotFoundException } from '#exceptions/not_found_exception'
import { customerAccess } from '#actions/accounts/customer_access'
import { listDocuments } from '#actions/documents/document_list'
import { documentFiltersValidator, updateDocumentValidator } from '#validators/documents'
import { GrantEditor } from '#actions/documents/document_rights'
import { DeleteDocument } from '#actions/documents/delete_document'
import { RecordDocumentAccess } from '#actions/documents/record_document_access'
import { documentDetail } from '#queries/documents/document_detail'
import { CorruptFile, documentStorage } from '#services/document_storage'
import { UserFacingException } from '#exceptions/user_facing_exception'
import { documentCsv } from '#services/csv'
import DocumentRowTransformer from '#transformers/documents/document_row_transformer'
import DocumentDetailTransformer from '#transformers/documents/document_detail_transformer'
import DocumentEventTransformer from '#transformers/documents/document_event_transformer'
import LabelTransformer from '#transformers/documents/label_transformer'
import CategoryOptionTransformer from '#transformers/documents/category_option_transformer'
import GrantTransformer from '#transformers/documents/grant_transformer'
import VisibleNumberTransformer from '#transformers/accounts/visible_number_transformer'

/** Types shown in the page (the browser's PDF viewer, an image); others are downloaded. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg'])

/**
 * DOC-2 / DOC-3 for portal users and staff: the list with filters in the
 * URL, the detail page with the PDF, downloads and their history.
 *
 * @spec DOC-2 DOC-3 DOC-7
 */
export default class DocumentsController {
  async index({ inertia, request, auth, tenant }: HttpContext) {
    const user = auth.user!
    const filters = await request.validateUsing(documentFiltersValidator, { data: request.qs() })
    const numbers = user.isStaff ? [] : await customerAccess.visibleNumbers(user)
    const result = await listDocuments(
      user,
      {
        ...filters,
        from: filters.from ? DateTime.fromJSDate(filters.from).toISODate()! : undefined,
        to: filters.to ? DateTime.fromJSDate(filters.to).toISODate()! : undefined,
        amountMin:
          filters.amountMin === undefined ? undefined : Math.round(filters.amountMin * 100),
        amountMax:
          filters.amountMax === undefined ? undefined : Math.round(filters.amountMax * 100),
      },
      user.isStaff ? null : numbers.map((row) => row.id)
    )
    return inertia.render('portal/documents', {
      documents: DocumentRowTransformer.transform(result.documents),
      labels: LabelTransformer.transform(result.labels),
      next: result.next,
      previous: result.previous,
      filters: request.qs() as Record<string, string>,
      customerNumbers: VisibleNumberTransformer.transform(numbers),
      categories: CategoryOptionTransformer.transform(await Category.options(tenant.id)),
    })
  }

  async show(ctx: HttpContext) {
    const { auth, bouncer, request, inertia, tenant } = ctx
    const found = await findDocument(bouncer, ctx.params.id)
    await new RecordDocumentAccess().handle(found, auth.user!, 'viewed', request.ip())
    const { document, history, names } = await documentDetail(found)
    const policy = bouncer.with(DocumentPolicy)
    const rights = {
      update: await policy.allows('update', document),
      delete: await policy.allows('delete', document),
      changeSecurity: await policy.allows('changeSecurity', document),
      classify: await policy.allows('classify'),
    }
    return inertia.render('portal/document', {
      document: DocumentDetailTransformer.transform(document, names),
      rights,
      grants: GrantTransformer.transform(
        rights.changeSecurity
          ? await new GrantEditor({ kind: 'document', document }, auth.user!, ctx.i18n).list()
          : []
      ),
      categories: CategoryOptionTransformer.transform(
        rights.classify ? await Category.options(tenant.id) : []
      ),
      categoryId: document.categoryId,
      history: DocumentEventTransformer.transform(history, names),
      /** Panels of the enabled plugins (a payment QR, the UBL read out). */
      slots: await slotPanels(ctx, 'document.detail', { documentId: document.id }),
    })
  }

  /** "Can update": the description of the document. */
  async update({ bouncer, params, request, auth, session, i18n, response }: HttpContext) {
    const document = await findDocument(bouncer, params.id, 'update')
    const { title } = await request.validateUsing(updateDocumentValidator)
    document.merge({ title, updatedById: auth.user!.id })
    await document.save()
    session.flash('success', i18n.t('documents.rights.saved'))
    return response.redirect().back()
  }

  /** "Can delete": the document, its files, grants, labels and history. */
  async destroy({ bouncer, params, auth, request, session, i18n, response }: HttpContext) {
    const document = await findDocument(bouncer, params.id, 'delete')
    await new DeleteDocument().handle(document, auth.user!, request.ip())
    session.flash('success', i18n.t('documents.rights.deleted'))
    return response.redirect().toRoute('documents.index')
  }

  /**
   * A file of the document: the PDF, the UBL XML, or what a customer
   * uploaded (an image, an office file). Its type is the one detected from
   * its bytes at upload; PDFs and images may be shown inline (the viewer),
   * anything else is a download. Not an HTML page, whatever its bytes.
   */
  async file(ctx: HttpContext) {
    const document = await findDocument(ctx.bouncer, ctx.params.id)
    const kind = ctx.params.kind as 'pdf' | 'ubl' | 'attachment'
    await document.load('files')
    const file = document.files.find((row) => row.kind === kind)
    if (!file) throw new NotFoundException()
    let bytes: Buffer
    try {
      bytes = await documentStorage.read(file)
    } catch (error) {
      if (error instanceof CorruptFile) {
        throw new UserFacingException('documents.file.corrupt', {
          status: 500,
          code: 'E_FILE_CORRUPT',
          cause: error,
        })
      }
      throw error
    }
    const inline = INLINE_TYPES.has(file.mime) && ctx.request.input('inline') === '1'
    if (!inline) {
      await new RecordDocumentAccess().handle(
        document,
        ctx.auth.user!,
        kind === 'ubl' ? 'downloaded_ubl' : kind === 'pdf' ? 'downloaded_pdf' : 'downloaded_file',
        ctx.request.ip()
      )
    }
    ctx.response.header('Content-Type', file.mime)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    // The document page shows it in a frame of this same site, nothing else may.
    ctx.response.header('X-Frame-Options', 'SAMEORIGIN')
    if (file.mime === 'application/pdf') {
      ctx.response.header('Content-Security-Policy', "frame-ancestors 'self'")
    } else {
      // Nothing in it may run or load anything (the browser's PDF viewer needs no such fence).
      ctx.response.header(
        'Content-Security-Policy',
        "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'self'"
      )
    }
    ctx.response.header(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`
    )
    return ctx.response.send(bytes)
  }

  /** DOC-3: the key figures as CSV (cells that look like formulas are neutralised). */
  async csv({ bouncer, params, auth, request, response }: HttpContext) {
    const document = await findDocument(bouncer, params.id)
    await document.load((loader) => loader.load('customerNumber').load('category'))
    await new RecordDocumentAccess().handle(document, auth.user!, 'downloaded_csv', request.ip())
    const { fileName, body } = documentCsv(document)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="${fileName}"`)
    return response.send(body)
  }
}
