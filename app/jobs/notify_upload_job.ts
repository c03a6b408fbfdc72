import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import Document from '#models/document'
import Tenant from '#models/tenant'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { MailOutbox } from '#services/mail_outbox'

export interface UploadJobData {
  tenantId: number
  documentId: number
}

/**
 * DOC-9: who at the tenant hears of a customer's upload: the manager of the
 * customer (the dossier) when there is one, else the uploader's internal
 * manager, else the tenant's administrators. Managers who are no longer
 * staff or are blocked are skipped to the next step.
 */
export async function uploadRecipients(document: Document): Promise<User[]> {
  const usable = (user: User | null): user is User =>
    !!user && user.isStaff && user.status === 'active'
  const number = await CustomerNumber.find(document.customerNumberId)
  const customer = number ? await Customer.find(number.customerId) : null
  const dossierManager = customer?.managerId ? await User.find(customer.managerId) : null
  if (usable(dossierManager)) return [dossierManager]
  const uploader = document.createdById ? await User.find(document.createdById) : null
  const internalManager = uploader?.managerId ? await User.find(uploader.managerId) : null
  if (usable(internalManager)) return [internalManager]
  const admins = await User.query().where('role', 'admin').where('status', 'active').orderBy('id')
  return admins
}

/** @spec DOC-9 */
export async function notifyUploadJob(data: UploadJobData, outbox = new MailOutbox()) {
  return tenantContext.run(data.tenantId, async () => {
    const document = await Document.query()
      .where('id', data.documentId)
      .preload('customerNumber')
      .first()
    if (!document) return 'skipped'
    const tenant = await Tenant.findOrFail(data.tenantId)
    const uploader = document.createdById ? await User.find(document.createdById) : null
    for (const recipient of await uploadRecipients(document)) {
      await outbox.send({
        key: `documents.upload${document.id}.user${recipient.id}`,
        tenantId: tenant.id,
        template: 'document_uploaded',
        to: recipient.email,
        locale: recipient.locale ?? tenant.defaultLocale,
        data: {
          firstName: recipient.firstName,
          uploader: uploader ? (uploader.fullName ?? uploader.email) : '',
          customerNumber: document.customerNumber.number,
          title: document.title,
          documentUrl: tenant.url(`/documents/${document.id}`),
        },
      })
    }
    return 'notified'
  })
}
