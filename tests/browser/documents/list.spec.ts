/** @spec DOC-2 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { createCustomer } from '#tests/support/accounts'
import { createDocument } from '#tests/support/documents'
import { tenantContext } from '#tenancy/tenant_context'

test.group('Browser / document list', (group) => {
  resetWorld(group)

  test('filters and sorting live in the URL; the back button restores them', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'lena@example.com' }).create()
    await tenantContext.run(tenant.id, async () => {
      user.twoStepDeclinedAt = DateTime.now()
      await user.save()
    })
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
    const n = numbers[0].id
    await createDocument(tenant, n, {
      title: 'Rent March',
      issueDate: '2026-03-01',
      amountCents: 90000,
    })
    await createDocument(tenant, n, {
      title: 'Rent April',
      issueDate: '2026-04-01',
      amountCents: 80000,
    })
    await createDocument(tenant, n, {
      title: 'Refund April',
      type: 'credit_note',
      issueDate: '2026-04-15',
      amountCents: -5000,
    })
    await createDocument(tenant, n, {
      title: 'Refund May',
      type: 'credit_note',
      issueDate: '2026-05-15',
      amountCents: -7000,
    })

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('lena@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.getByRole('link', { name: 'Documents' }).first().click()
    await page.waitForURL(tenantUrl(tenant.slug, '/documents'))
    const titles = () =>
      page.getByTestId('document-row').locator('td:nth-child(6) a').allInnerTexts()
    /** The page renders in the browser after navigation: wait until the rows say what we expect. */
    const expectTitles = async (expected: string[]) => {
      const deadline = Date.now() + 10_000
      let seen = await titles()
      while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        seen = await titles()
      }
      assert.deepEqual(seen, expected)
    }
    await expectTitles(['Refund May', 'Refund April', 'Rent April', 'Rent March'])
    // Unread documents are bold until opened.
    assert.equal(await page.getByTestId('document-row').first().getAttribute('data-unread'), 'true')

    await page.getByLabel('Type').selectOption('credit_note')
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await page.waitForURL(/type=credit_note/)
    await expectTitles(['Refund May', 'Refund April'])

    await page.getByTestId('sort-amount').click()
    await page.waitForURL(/sort=amount/)
    assert.include(page.url(), 'type=credit_note')
    await expectTitles(['Refund April', 'Refund May'])

    await page.goBack()
    await page.waitForURL((url) => !url.search.includes('sort=amount'))
    await expectTitles(['Refund May', 'Refund April'])

    // A shared URL opens the same view.
    const shared = page.url()
    await page.goto(tenantUrl(tenant.slug, '/documents'))
    await page.goto(shared)
    await expectTitles(['Refund May', 'Refund April'])
    assert.equal(await page.getByLabel('Type').inputValue(), 'credit_note')

    await page.getByRole('link', { name: 'Refund May' }).click()
    await page.waitForURL(/\/documents\/\d+$/)
    await page.assertTextContains('[data-testid=key-figures]', 'DL2000001')
    await page.assertTextContains('[data-testid=history]', 'Viewed')

    // Back in the list, the opened document is no longer bold.
    await page.goBack()
    await page.waitForURL(/type=credit_note/)
    const row = page.getByTestId('document-row').filter({ hasText: 'Refund May' })
    const deadline = Date.now() + 10_000
    while ((await row.getAttribute('data-unread')) !== 'false' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(await row.getAttribute('data-unread'), 'false')
  }).timeout(120_000)
})
