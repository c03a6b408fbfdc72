import VisibleNumberTransformer from '#transformers/accounts/visible_number_transformer'
import type { HttpContext } from '@adonisjs/core/http'
import DocumentPolicy from '#policies/document_policy'
import { customerAccess } from '#actions/accounts/customer_access'
import { PublishDocument } from '#actions/documents/publish_document'
import { fieldError } from '#exceptions/user_facing_exception'
import { activityLog } from '#services/activity_log'
import { uploadValidator } from '#validators/documents'
import { CORE_QUEUES, queue, rowJobId } from '#jobs/queues'
import type { UploadJobData } from '#jobs/notify_upload_job'

/** File name endings the browser's file picker offers, per upload group. */
const EXTENSIONS: Record<string, string[]> = {
  pdf: ['.pdf'],
  image: ['.png', '.jpg', '.jpeg'],
  office: ['.docx', '.xlsx'],
  xml: ['.xml'],
}

/**
 * DOC-9: a customer uploads a document for one of their customer numbers.
 * It arrives without category, open to the uploader (who keeps rights on
 * it) and to staff; the responsible person at the tenant is e-mailed.
 *
 * @spec DOC-9
 */
export default class UploadsController {
  async create({ inertia, auth, bouncer, tenant }: HttpContext) {
    await bouncer.with(DocumentPolicy).authorize('upload')
    const numbers = await customerAccess.visibleNumbers(auth.user!)
    const groups = tenant.uploadTypes
      .split(',')
      .map((group) => group.trim())
      .filter((group) => group in EXTENSIONS)
    return inertia.render('portal/upload', {
      groups,
      accept: groups.flatMap((group) => EXTENSIONS[group]).join(','),
      customerNumbers: VisibleNumberTransformer.transform(numbers),
    })
  }

  async store(ctx: HttpContext) {
    const { request, auth, bouncer, tenant, i18n, session, response } = ctx
    await bouncer.with(DocumentPolicy).authorize('upload')
    const user = auth.user!
    const input = await request.validateUsing(uploadValidator)
    const numbers = await customerAccess.visibleNumbers(user)
    const number = numbers.find((row) => row.id === input.customerNumberId)
    if (!number) {
      throw fieldError('customerNumberId', i18n.t('documents.upload.unknown_customer_number'))
    }
    const file = request.file('file')
    if (!file?.tmpPath) throw fieldError('file', i18n.t('documents.file.missing'))
    const today = new Date()
    const { document } = await new PublishDocument(tenant, i18n).handle({
      customerNumber: number.number,
      type: 'other',
      title: input.title,
      issueDate: new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())),
      pdf: { path: file.tmpPath, name: file.clientName },
      source: 'upload',
      uploadedBy: user,
      notify: false,
    })
    await activityLog.record({
      type: 'document.uploaded',
      actor: user,
      ip: request.ip(),
      details: { document: document.title, customerNumber: number.number, id: document.id },
    })
    await queue(CORE_QUEUES.notifications).add(
      'upload',
      { tenantId: tenant.id, documentId: document.id } satisfies UploadJobData,
      { jobId: rowJobId('upload', document) }
    )
    session.flash('success', i18n.t('documents.upload.done', { tenant: tenant.name }))
    return response.redirect().toRoute('documents.show', { id: document.id })
  }
}
