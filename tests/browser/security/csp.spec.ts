import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { createCustomer } from '#tests/support/accounts'
import { pdfFile } from '#tests/support/documents'
import { tenantContext } from '#tenancy/tenant_context'
import { PublishDocument } from '#actions/documents/publish_document'

test.group('Browser / Content-Security-Policy', (group) => {
  resetWorld(group)

  test('the portal works under its CSP: no violation on the pages a customer opens, the PDF shows in its frame', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'lena@example.com' }).create()
    await tenantContext.run(tenant.id, async () => {
      user.twoStepDeclinedAt = DateTime.now()
      await user.save()
    })
    await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
    const { document } = await tenantContext.run(tenant.id, () =>
      new PublishDocument(tenant, i18nManager.locale('en')).handle({
        customerNumber: 'DL2000001',
        type: 'invoice',
        title: 'Rent March',
        issueDate: new Date(Date.UTC(2026, 2, 1)),
        pdf: { path: pdfFile(), name: 'rent-march.pdf' },
        notify: false,
      })
    )

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    const violations: string[] = []
    page.on('console', (message) => {
      const text = message.text()
      if (/Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(text)) {
        violations.push(text)
      }
    })
    const frames: number[] = []
    page.on('response', (response) => {
      if (response.url().includes('/files/pdf')) frames.push(response.status())
    })

    await page.getByLabel('E-mail address').fill('lena@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.goto(tenantUrl(tenant.slug, `/documents/${document.id}`))
    await page.getByRole('heading', { name: 'Rent March' }).first().waitFor()
    const frame = page.locator('iframe[title="Rent March"]')
    await frame.waitFor()
    await page.waitForTimeout(500)
    await page.goto(tenantUrl(tenant.slug, '/account/security'))
    await page.getByText('Where you are logged in').waitFor()

    assert.deepEqual(violations, [])
    assert.include(frames, 200)
  }).timeout(60_000)
})
