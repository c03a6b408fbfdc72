import type { HttpContext } from '@adonisjs/core/http'
import { slotPanels } from '#plugins/slots'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import type Document from '#models/document'
import DocumentEvent from '#models/document_event'
import DocumentPolicy from '#policies/document_policy'
import { findDocument } from '#actions/documents/find_document'
import { NotFoundException } from '#exceptions/not_found_exception'
import { customerAccess } from '#actions/accounts/customer_access'
import { listDocuments } from '#actions/documents/document_list'
import { documentFiltersValidator, updateDocumentValidator } from '#validators/documents'
import { GrantEditor } from '#actions/documents/document_rights'
import { activityLog } from '#services/activity_log'
import { CorruptFile, documentStorage } from '#services/document_storage'
import { UserFacingException } from '#exceptions/user_facing_exception'
import { csvCell } from '#services/csv'
import { sqlTimestamp } from '#services/sql'

/** Types shown in the page (the browser's PDF viewer, an image); others are downloaded. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg'])

/**
 * The file the document is about: its PDF, else what a customer uploaded.
 */
function mainFileOf(document: Document) {
  const file =
    document.files.find((row) => row.kind === 'pdf') ??
    document.files.find((row) => row.kind === 'attachment')
  if (!file) return null
  return {
    kind: file.kind as 'pdf' | 'attachment',
    name: file.originalName,
    mime: file.mime,
    preview: (file.mime === 'application/pdf'
      ? 'pdf'
      : file.mime.startsWith('image/')
        ? 'image'
        : null) as 'pdf' | 'image' | null,
  }
}

/**
 * DOC-2 / DOC-3 for portal users and staff: the list with filters in the
 * URL, the detail page with the PDF, downloads and their history.
 *
 * @spec DOC-2 DOC-3 DOC-7
 */
export default class DocumentsController {
  async index(ctx: HttpContext) {
    const { inertia, request, auth } = ctx
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
      ...result,
      filters: request.qs() as Record<string, string>,
      customerNumbers: numbers.map((row) => ({ id: row.id, number: row.number })),
      categories: await Category.options(ctx.tenant.id),
    })
  }

  async show(ctx: HttpContext) {
    const document = await this.find(ctx)
    await document.load((loader) => loader.load('customerNumber').load('category').load('files'))
    await this.markRead(ctx, document)
    await this.record(ctx, document, 'viewed')
    const history = await DocumentEvent.query()
      .where('document_id', document.id)
      .whereNot('action', 'published')
      .orderBy('id', 'desc')
      .limit(100)
    const userIds = [...new Set(history.map((event) => event.userId).filter(Boolean))] as number[]
    const policy = ctx.bouncer.with(DocumentPolicy)
    const rights = {
      update: await policy.allows('update', document),
      delete: await policy.allows('delete', document),
      changeSecurity: await policy.allows('changeSecurity', document),
      classify: await policy.allows('classify'),
    }
    const auditIds = [document.createdById, document.updatedById].filter(
      (id): id is number => !!id && !userIds.includes(id)
    )
    userIds.push(...auditIds)
    const people = userIds.length
      ? await db
          .from('users')
          .whereIn('id', userIds)
          .select('id', 'email', 'first_name', 'last_name')
      : []
    const nameOf = (id: number | null) => {
      const person = people.find((row: any) => row.id === id)
      if (!person) return null
      return [person.first_name, person.last_name].filter(Boolean).join(' ') || person.email
    }
    return ctx.inertia.render('portal/document', {
      document: {
        id: document.id,
        customerNumber: document.customerNumber.number,
        type: document.type,
        number: document.number,
        title: document.title,
        category: document.category?.name ?? null,
        issueDate: document.issueDate.toISODate(),
        dueDate: document.dueDate?.toISODate() ?? null,
        amount: document.amountCents,
        currency: document.currency,
        hasUbl: document.files.some((file) => file.kind === 'ubl'),
        mainFile: mainFileOf(document),
        audience: document.audience,
        source: document.source,
        createdAt: document.createdAt.toISO(),
        createdBy: nameOf(document.createdById),
        updatedAt: document.updatedAt.toISO(),
        updatedBy: nameOf(document.updatedById),
      },
      rights,
      grants: rights.changeSecurity
        ? await new GrantEditor({ kind: 'document', document }, ctx.auth.user!, ctx.i18n).list()
        : [],
      categories: rights.classify ? await Category.options(ctx.tenant.id) : [],
      categoryId: document.categoryId,
      history: history.map((event) => ({
        id: event.id,
        action: event.action,
        at: event.createdAt.toISO(),
        who: nameOf(event.userId),
      })),
      /** Panels of the enabled plugins (a payment QR, the UBL read out). */
      slots: await slotPanels(ctx, 'document.detail', { documentId: document.id }),
    })
  }

  /** "Can update": the description of the document. */
  async update(ctx: HttpContext) {
    const document = await findDocument(ctx, 'update')
    const { title } = await ctx.request.validateUsing(updateDocumentValidator)
    document.merge({ title, updatedById: ctx.auth.user!.id })
    await document.save()
    ctx.session.flash('success', ctx.i18n.t('documents.rights.saved'))
    return ctx.response.redirect().back()
  }

  /** "Can delete": the document, its files, grants, labels and history. */
  async destroy(ctx: HttpContext) {
    const document = await findDocument(ctx, 'delete')
    await document.load('files')
    const keys = document.files.map((file) => file.storageKey)
    await db.transaction(async (trx) => {
      document.useTransaction(trx)
      await document.delete()
      await activityLog.record(
        {
          tenantId: document.tenantId,
          type: 'document.deleted',
          actor: ctx.auth.user!,
          ip: ctx.request.ip(),
          details: { document: document.number ?? document.title, id: document.id },
        },
        trx
      )
    })
    // The rows are gone; a file that cannot be removed now is only an orphan, never shown.
    await documentStorage
      .remove(keys)
      .catch((error) => ctx.logger.warn({ err: error }, 'orphan file'))
    ctx.session.flash('success', ctx.i18n.t('documents.rights.deleted'))
    return ctx.response.redirect().toRoute('documents.index')
  }

  /**
   * A file of the document: the PDF, the UBL XML, or what a customer
   * uploaded (an image, an office file). Its type is the one detected from
   * its bytes at upload; PDFs and images may be shown inline (the viewer),
   * anything else is a download. Not an HTML page, whatever its bytes.
   */
  async file(ctx: HttpContext) {
    const document = await this.find(ctx)
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
    if (!inline)
      await this.record(
        ctx,
        document,
        kind === 'ubl' ? 'downloaded_ubl' : kind === 'pdf' ? 'downloaded_pdf' : 'downloaded_file'
      )
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
  async csv(ctx: HttpContext) {
    const document = await this.find(ctx)
    await document.load((loader) => loader.load('customerNumber').load('category'))
    await this.record(ctx, document, 'downloaded_csv')
    const header = [
      'customer_number',
      'type',
      'number',
      'title',
      'category',
      'issue_date',
      'due_date',
      'amount',
      'currency',
    ]
    const values = [
      document.customerNumber.number,
      document.type,
      document.number ?? '',
      document.title,
      document.category?.name ?? '',
      document.issueDate.toISODate() ?? '',
      document.dueDate?.toISODate() ?? '',
      document.amountCents === null ? '' : (document.amountCents / 100).toFixed(2),
      document.currency,
    ]
    const body = `${header.join(',')}\r\n${values.map(csvCell).join(',')}\r\n`
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="${`document-${document.number ?? document.id}`.replace(/[^\w.-]/g, '')}.csv"`
    )
    return ctx.response.send(`\uFEFF${body}`)
  }

  protected find(ctx: HttpContext): Promise<Document> {
    return findDocument(ctx)
  }

  protected async markRead({ auth, tenant }: HttpContext, document: Document) {
    await db
      .table('document_reads')
      .insert({
        document_id: document.id,
        user_id: auth.user!.id,
        tenant_id: tenant.id,
        read_at: sqlTimestamp(),
      })
      .onConflict(['document_id', 'user_id'])
      .ignore()
  }

  protected async record(
    { auth, tenant, request }: HttpContext,
    document: Document,
    action: 'viewed' | 'downloaded_pdf' | 'downloaded_ubl' | 'downloaded_file' | 'downloaded_csv'
  ) {
    await DocumentEvent.create({
      tenantId: tenant.id,
      documentId: document.id,
      userId: auth.user!.id,
      action,
      ip: request.ip(),
    })
  }
}
