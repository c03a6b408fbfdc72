/** @spec DOC-9 */
import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import Document from '#models/document'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer, shareNumbers } from '#tests/support/accounts'
import { pdfFile, writeTemp } from '#tests/support/documents'
import { fieldErrors } from '#tests/support/api_client_macros'
import { maildev } from '#tests/support/maildev'
import { TenantResolver } from '#tenancy/tenant_resolver'
import AdmZip from 'adm-zip'

function upload(
  client: ApiClient,
  tenant: Tenant,
  user: User,
  fields: Record<string, string | number>,
  file: string
): ApiRequest {
  return client
    .post('/documents/upload')
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .fields(Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, String(value)])))
    .file('file', file)
    .redirects(0)
}

/** Waits for the mail to an address that names an upload (earlier tests' mails may trail in). */
async function mailAbout(address: string, title: string) {
  const deadline = Date.now() + 20_000
  for (;;) {
    const mails = await maildev.sentTo(address)
    const mail = mails.find((row) => row.text.includes(title))
    if (mail) return mail
    if (Date.now() > deadline) throw new Error(`no mail about "${title}" to ${address}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function documents(tenant: Tenant) {
  return tenantContext.run(tenant.id, () => Document.query().orderBy('id'))
}

/**
 * Anna (main contact of DL2000001, shared with Sam) uploads; the tenant has
 * an admin, a dossier manager and Anna's internal manager.
 */
async function world() {
  const tenant = await TenantFactory.create()
  const anna = await UserFactory.for(tenant).merge({ email: 'anna@example.com' }).create()
  const sam = await UserFactory.for(tenant).merge({ email: 'sam@example.com' }).create()
  const admin = await UserFactory.for(tenant)
    .apply('admin')
    .merge({ email: 'admin@example.com' })
    .create()
  const admin2 = await UserFactory.for(tenant)
    .apply('admin')
    .merge({ email: 'admin2@example.com' })
    .create()
  const dossier = await UserFactory.for(tenant)
    .apply('staff')
    .merge({ email: 'dossier@example.com' })
    .create()
  const internal = await UserFactory.for(tenant)
    .apply('staff')
    .merge({ email: 'internal@example.com' })
    .create()
  const { customer, numbers } = await createCustomer(tenant, 'Anna BV', ['DL2000001'], anna)
  await shareNumbers(tenant, anna, sam, [numbers[0]])
  return { tenant, anna, sam, admin, admin2, dossier, internal, customer, number: numbers[0] }
}

test.group('Documents / customer uploads (DOC-9)', (group) => {
  resetWorld(group)

  test('an upload arrives without category, stays with its uploader and staff', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, sam, admin, number } = await world()
    const response = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: number.id, title: 'Marriage contract' },
      pdfFile()
    )
    response.assertStatus(302)
    const [document] = await documents(tenant)
    assert.equal(document.title, 'Marriage contract')
    assert.isNull(document.categoryId)
    assert.equal(document.source, 'upload')
    assert.equal(document.createdById, anna.id)

    const own = await client
      .get(`/documents/${document.id}`)
      .forTenant(tenant.slug)
      .loginAs(anna)
      .withInertia()
    assert.deepInclude(own.inertiaProps, {
      rights: { update: true, delete: true, changeSecurity: false, classify: false },
    })
    const other = await client.get(`/documents/${document.id}`).forTenant(tenant.slug).loginAs(sam)
    other.assertStatus(404)
    const staff = await client
      .get(`/documents/${document.id}`)
      .forTenant(tenant.slug)
      .loginAs(admin)
    staff.assertStatus(200)
  })

  test('bad uploads are refused per field and store nothing', async ({ client, assert }) => {
    const { tenant, anna, admin } = await world()
    const other = await createCustomer(tenant, 'Someone else', ['DL2000009'], null)
    const executable = writeTemp('contract.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00program'))

    const renamed = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id - 1, title: 'Looks like a PDF' },
      executable
    )
    assert.property(fieldErrors(renamed), 'file')
    const foreign = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id, title: 'Not my number' },
      pdfFile()
    )
    assert.property(fieldErrors(foreign), 'customerNumberId')
    const noTitle = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: other.numbers[0].id - 1, title: '' },
      pdfFile()
    )
    assert.property(fieldErrors(noTitle), 'title')
    const byStaff = await upload(
      client,
      tenant,
      admin,
      { customerNumberId: 1, title: 'x' },
      pdfFile()
    )
    byStaff.assertStatus(403)
    assert.lengthOf(await documents(tenant), 0)
  })

  test("the tenant's upload types decide which files customers may upload", async ({
    client,
    assert,
  }) => {
    const { tenant, anna, number } = await world()
    const png = writeTemp(
      'id-card.png',
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64'
      )
    )
    const accepted = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: number.id, title: 'ID card' },
      png
    )
    accepted.assertStatus(302)
    assert.lengthOf(await documents(tenant), 1)

    tenant.uploadTypes = 'pdf'
    await tenantContext.runUnscoped('test', () => tenant.save())
    TenantResolver.flush()
    const refused = await upload(
      client,
      tenant,
      anna,
      { customerNumberId: number.id, title: 'ID card again' },
      png
    )
    assert.property(fieldErrors(refused), 'file')
    assert.lengthOf(await documents(tenant), 1)
    const page = await client
      .get('/documents/upload')
      .forTenant(tenant.slug)
      .loginAs(anna)
      .withInertia()
    assert.equal((page.inertiaProps as { accept: string }).accept, '.pdf')
  })

  test('an uploaded image or office file is viewed and downloaded by whoever may see it, typed by its bytes', async ({
    client,
    assert,
  }) => {
    const { tenant, anna, sam, dossier, number: numberRow } = await world()
    tenant.uploadTypes = 'pdf,image,office'
    await tenantContext.runUnscoped('test', () => tenant.save())
    TenantResolver.flush()

    const pngBytes = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64'
    )
    const zip = new AdmZip()
    zip.addFile(
      '[Content_Types].xml',
      Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
      )
    )
    zip.addFile('word/document.xml', Buffer.from('<w:document/>'))
    const files = [
      { name: 'meter.png', bytes: pngBytes, mime: 'image/png', preview: 'image' },
      {
        name: 'lease.docx',
        bytes: zip.toBuffer(),
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        preview: null,
      },
    ]
    for (const file of files) {
      const sent = await upload(
        client,
        tenant,
        anna,
        { customerNumberId: numberRow.id, title: file.name },
        writeTemp(file.name, file.bytes)
      )
      sent.assertStatus(302)
      const id = Number(String(sent.header('location')).split('/').pop())

      const page = await client
        .get(`/documents/${id}`)
        .forTenant(tenant.slug)
        .loginAs(anna)
        .withInertia()
      assert.deepEqual(
        (page.inertiaProps as { document: { mainFile: unknown } }).document.mainFile,
        { kind: 'attachment', name: file.name, mime: file.mime, preview: file.preview }
      )
      // The uploader and staff (an upload stays with them, DOC-9).
      for (const viewer of [anna, dossier]) {
        const download = await client
          .get(`/documents/${id}/files/attachment`)
          .forTenant(tenant.slug)
          .loginAs(viewer)
        download.assertStatus(200)
        assert.equal(download.header('content-type'), file.mime)
        assert.equal(download.header('x-content-type-options'), 'nosniff')
        assert.include(download.header('content-security-policy'), 'sandbox')
        assert.match(
          String(download.header('content-disposition')),
          /^attachment; filename\*=UTF-8''/
        )
      }
      const inline = await client
        .get(`/documents/${id}/files/attachment?inline=1`)
        .forTenant(tenant.slug)
        .loginAs(anna)
      assert.match(
        String(inline.header('content-disposition')),
        file.preview === 'image' ? /^inline;/ : /^attachment;/
      )
    }

    // Nobody else: not the user the number is shared with, not another customer.
    const stranger = await UserFactory.for(tenant).merge({ email: 'stranger@example.com' }).create()
    await createCustomer(tenant, 'Other BV', ['DL2000099'], stranger)
    const uploaded = await documents(tenant)
    for (const [id, outsider] of uploaded.flatMap(({ id: docId }) => [
      [docId, sam] as const,
      [docId, stranger] as const,
    ])) {
      const refused = await client
        .get(`/documents/${id}/files/attachment`)
        .forTenant(tenant.slug)
        .loginAs(outsider)
      refused.assertStatus(404)
    }
  })

  test("staff are told: the customer's manager, else the uploader's manager, else the administrators", async ({
    client,
    assert,
  }) => {
    const { tenant, anna, admin, dossier, internal, customer, number } = await world()
    const send = (title: string) =>
      upload(client, tenant, anna, { customerNumberId: number.id, title }, pdfFile())

    // No manager anywhere: every administrator.
    await send('First upload')
    await mailAbout('admin@example.com', 'First upload')
    await mailAbout('admin2@example.com', 'First upload')

    // The uploader's internal manager, set by staff.
    const setInternal = await client
      .put(`/admin/users/${anna.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: internal.id })
      .redirects(0)
    setInternal.assertStatus(302)
    await send('Second upload')
    await mailAbout('internal@example.com', 'Second upload')

    // The customer's (dossier's) manager comes first.
    const setDossier = await client
      .put(`/admin/customers/${customer.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: dossier.id })
      .redirects(0)
    setDossier.assertStatus(302)
    await send('Third upload')
    await mailAbout('dossier@example.com', 'Third upload')

    // Each upload went to one step of the chain only (earlier tests' mails are ignored).
    const mine = ['First upload', 'Second upload', 'Third upload']
    const about = async (address: string) => {
      const mails = await maildev.sentTo(address)
      return mails
        .map((mail) => /"([^"]+)"/.exec(mail.text)?.[1])
        .filter((title) => title && mine.includes(title))
    }
    assert.deepEqual(await about('admin@example.com'), ['First upload'])
    assert.deepEqual(await about('internal@example.com'), ['Second upload'])
    assert.deepEqual(await about('dossier@example.com'), ['Third upload'])
    // A portal user is no manager.
    const notStaff = await client
      .put(`/admin/customers/${customer.id}/manager`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ managerId: anna.id })
      .redirects(0)
    assert.property(fieldErrors(notStaff), 'managerId')
  })
})
