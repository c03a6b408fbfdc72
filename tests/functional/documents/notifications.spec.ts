/** @spec DOC-6 IAM-8 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#models/tenant'
import CustomerNumber from '#models/customer_number'
import PublicationBatch from '#models/publication_batch'
import Invitation from '#models/invitation'
import MailDelivery from '#models/mail_delivery'
import { tenantContext } from '#tenancy/tenant_context'
import { notifyBatch } from '#jobs/notify_batch_job'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer, shareNumbers } from '#tests/support/accounts'
import { apiToken, pdfFile } from '#tests/support/documents'
import { maildev, type CaughtMail } from '#tests/support/maildev'

let sequence = 0

function publish(client: ApiClient, tenant: Tenant, token: string, fields: Record<string, string>) {
  sequence += 1
  return client
    .post('/api/v1/documents')
    .forTenant(tenant.slug)
    .header('Authorization', `Bearer ${token}`)
    .fields({
      type: 'invoice',
      number: `INV-${sequence}`,
      title: `Invoice ${sequence}`,
      issueDate: '2026-11-01',
      amount: '100.00',
      ...fields,
    })
    .file('file', pdfFile())
}

function closeBatch(client: ApiClient, tenant: Tenant, token: string, key: string) {
  return client
    .post(`/api/v1/batches/${key}/close`)
    .forTenant(tenant.slug)
    .header('Authorization', `Bearer ${token}`)
}

function attachmentsOf(mail: CaughtMail): { fileName: string }[] {
  return (mail as CaughtMail & { attachments?: { fileName: string }[] }).attachments ?? []
}

/** Waits until the batch is notified (the worker runs in this process). */
async function waitNotified(tenant: Tenant, key: string) {
  const deadline = Date.now() + 20_000
  for (;;) {
    const batch = await tenantContext.run(tenant.id, () => PublicationBatch.findBy('key', key))
    if (batch?.status === 'notified') return batch
    if (Date.now() > deadline) throw new Error(`batch ${key} not notified`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test.group('Documents / notifications (DOC-6, IAM-8)', (group) => {
  resetWorld(group)

  test('one e-mail per recipient per batch, in their language, listing all their new documents', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const token = await apiToken(tenant)
    const anna = await UserFactory.for(tenant)
      .merge({ email: 'anna@example.com', locale: 'nl' })
      .create()
    const sam = await UserFactory.for(tenant)
      .merge({ email: 'sam@example.com', locale: 'fr' })
      .create()
    const otto = await UserFactory.for(tenant)
      .merge({ email: 'otto@example.com', locale: 'en' })
      .create()
    const blocked = await UserFactory.for(tenant)
      .apply('blocked')
      .merge({ email: 'blocked@example.com' })
      .create()
    const { numbers } = await createCustomer(tenant, 'Anna BV', ['DL2000001', 'DL2000002'], anna)
    await createCustomer(tenant, 'Otto NV', ['DL5000001'], otto)
    for (const user of [sam, blocked]) await shareNumbers(tenant, anna, user, [numbers[0]])

    for (const number of ['DL2000001', 'DL2000001', 'DL2000002', 'DL5000001']) {
      const response = await publish(client, tenant, token, {
        customerNumber: number,
        batch: 'november-run',
      })
      response.assertStatus(201)
    }
    // Nothing goes out while the run is open.
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.lengthOf(await maildev.all(), 0)

    const closed = await closeBatch(client, tenant, token, 'november-run')
    closed.assertStatus(202)
    assert.equal(closed.body().data.documents, 4)
    const batch = await waitNotified(tenant, 'november-run')
    assert.equal(batch.recipients, 3)

    const [toAnna] = await maildev.waitFor('anna@example.com')
    assert.include(toAnna.subject, '3 nieuwe documenten')
    assert.include(toAnna.text, 'DL2000002')
    const [toSam] = await maildev.waitFor('sam@example.com')
    assert.include(toSam.subject, '2 nouveaux documents')
    assert.notInclude(toSam.text, 'DL2000002')
    const [toOtto] = await maildev.waitFor('otto@example.com')
    assert.include(toOtto.subject, 'A new document')
    assert.lengthOf(await maildev.sentTo('blocked@example.com'), 0)

    // A second close, or the job running again, sends nothing new.
    const again = await closeBatch(client, tenant, token, 'november-run')
    again.assertStatus(202)
    await tenantContext.run(tenant.id, async () => {
      await PublicationBatch.query().where('id', batch.id).update({ status: 'closed' })
    })
    await notifyBatch({ tenantId: tenant.id, batchId: batch.id })
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.lengthOf(await maildev.sentTo('anna@example.com'), 1)
    assert.lengthOf(await maildev.sentTo('sam@example.com'), 1)

    // The run is over: publishing into it again is refused, nothing stored.
    const late = await publish(client, tenant, token, {
      customerNumber: 'DL2000001',
      batch: 'november-run',
    })
    late.assertStatus(409)
    assert.equal(late.body().code, 'E_BATCH_CLOSED')
  })

  test('a document without batch is announced on its own; an inactive account gets its invitation in it', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const token = await apiToken(tenant)
    const newcomer = await UserFactory.for(tenant)
      .apply('invited')
      .merge({ email: 'new@example.com' })
      .create()
    await createCustomer(tenant, 'New BV', ['DL2000009'], newcomer)

    const response = await publish(client, tenant, token, { customerNumber: 'DL2000009' })
    response.assertStatus(201)
    const [mail] = await maildev.waitFor('new@example.com')
    const link = maildev.link(mail, '/activate/')
    const invitation = await tenantContext.run(tenant.id, () =>
      Invitation.query().where('user_id', newcomer.id).where('status', 'pending').firstOrFail()
    )
    assert.isNotNull(invitation.tokenHash)
    // The link opens the activation page of this account.
    const page = await client.get(new URL(link).pathname).forTenant(tenant.slug).withInertia()
    page.assertStatus(200)
    assert.lengthOf(await maildev.sentTo('new@example.com'), 1)
  })

  test('per customer number: link by default, the PDF attached on request, links past the size cap', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const token = await apiToken(tenant)
    const anna = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
    await createCustomer(tenant, 'Anna BV', ['DL2000001', 'DL2000002'], anna)
    const number = await tenantContext.run(tenant.id, () =>
      CustomerNumber.findByOrFail('number', 'DL2000002')
    )
    // The main contact chooses the attachment for this number; nobody else may.
    const outsider = await UserFactory.for(tenant).create()
    const refused = await client
      .put(`/customer-numbers/${number.id}/notifications`)
      .forTenant(tenant.slug)
      .loginAs(outsider)
      .withCsrfToken()
      .form({ notifyMode: 'attachment' })
      .redirects(0)
    refused.assertStatus(404)
    const chosen = await client
      .put(`/customer-numbers/${number.id}/notifications`)
      .forTenant(tenant.slug)
      .loginAs(anna)
      .withCsrfToken()
      .form({ notifyMode: 'attachment' })
      .redirects(0)
    chosen.assertStatus(302)

    await publish(client, tenant, token, { customerNumber: 'DL2000001', batch: 'run-a' })
    await publish(client, tenant, token, { customerNumber: 'DL2000002', batch: 'run-a' })
    await closeBatch(client, tenant, token, 'run-a')
    const [mail] = await maildev.waitFor('anna@example.com')
    assert.lengthOf(attachmentsOf(mail), 1)
    assert.include(mail.text, '/documents/')

    // A cap smaller than the PDF: the e-mail falls back to the link.
    await maildev.clear()
    tenant.attachmentMaxBytes = 100
    await tenantContext.runUnscoped('test', () => tenant.save())
    await publish(client, tenant, token, { customerNumber: 'DL2000002', batch: 'run-b' })
    await closeBatch(client, tenant, token, 'run-b')
    const [capped] = await maildev.waitFor('anna@example.com')
    assert.lengthOf(attachmentsOf(capped), 0)
    assert.include(capped.text, '/documents/')
    const deliveries = await MailDelivery.query().where('template', 'documents_published')
    assert.lengthOf(deliveries, 2)
  })
})
