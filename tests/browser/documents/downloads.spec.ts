/** @spec DOC-4 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Download from '#models/download'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { createCustomer } from '#tests/support/accounts'
import { createDocument } from '#tests/support/documents'
import { tenantContext } from '#tenancy/tenant_context'

test.group('Browser / downloads', (group) => {
  resetWorld(group)

  test('a failed ZIP says why; "Try again" builds it anew unless a document is damaged', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'lena@example.com' }).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], user)
    const documents = [
      await createDocument(tenant, numbers[0].id, { title: 'Rent March' }),
      await createDocument(tenant, numbers[0].id, { title: 'Rent April' }),
    ]
    await tenantContext.run(tenant.id, async () => {
      user.twoStepDeclinedAt = DateTime.now()
      await user.save()
      const failed = (error: string) =>
        Download.create({
          tenantId: tenant.id,
          userId: user.id,
          status: 'failed',
          documentIds: JSON.stringify(documents.map((document) => document.id)),
          total: 2,
          done: 0,
          error,
          expiresAt: DateTime.now().plus({ hours: 72 }),
        })
      await failed('Rent March.pdf does not match its SHA-256')
      await failed('connect ECONNREFUSED 127.0.0.1:9000')
    })

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('lena@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.goto(tenantUrl(tenant.slug, '/downloads'))

    // Newest first: the one that may be tried again, then the damaged one.
    const rows = page.getByTestId('download')
    await rows.first().waitFor()
    assert.equal(
      await rows.nth(0).getByTestId('download-failure').innerText(),
      'The ZIP could not be built.'
    )
    assert.include(
      await rows.nth(1).getByTestId('download-failure').innerText(),
      'no longer matches what was published'
    )
    assert.equal(await rows.nth(1).getByTestId('download-retry').count(), 0)

    await rows.nth(0).getByTestId('download-retry').click()
    await page.getByText('is being prepared').waitFor()
    // The page follows the new build until it is done.
    await rows
      .nth(0)
      .getByTestId('download-status')
      .filter({ hasText: 'Finished' })
      .waitFor({ timeout: 20_000 })
    assert.equal(await rows.nth(0).getByRole('link', { name: 'Download' }).count(), 1)
  }).timeout(60_000)
})
