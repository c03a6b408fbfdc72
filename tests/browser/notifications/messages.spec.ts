/** @spec TEN-5 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import type Tenant from '#models/tenant'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { logOut } from '#tests/support/browser'
import { tenantContext } from '#tenancy/tenant_context'

/** A user who already declined two-step verification (no offer after the password). */
async function userOf(tenant: Tenant, email: string, role: 'admin' | 'customer') {
  const user = await UserFactory.for(tenant).merge({ role, email, locale: 'en' }).create()
  await tenantContext.run(tenant.id, async () => {
    user.twoStepDeclinedAt = DateTime.now()
    await user.save()
  })
  return user
}

async function logIn(page: Page, tenant: Tenant, email: string) {
  await page.getByLabel('E-mail address').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL(tenantUrl(tenant.slug, '/'))
}

test.group('Browser / portal messages (TEN-5)', (group) => {
  resetWorld(group)

  test('an admin writes a message with bold text; the customer sees it on that page only', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    await userOf(tenant, 'admin@lessor.example', 'admin')
    await userOf(tenant, 'lena@customer.example', 'customer')

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await logIn(page, tenant, 'admin@lessor.example')
    await page.getByRole('link', { name: 'Administration' }).first().click()
    await page.getByRole('link', { name: 'Portal messages' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/admin/messages'))

    await page.getByRole('button', { name: '+ Add' }).click()
    await page.getByLabel('Page').selectOption({ label: 'Documents' })
    await page.getByText('Warning', { exact: true }).click()
    const editor = page.getByRole('textbox', { name: 'Text (English)' })
    await editor.click()
    await page.keyboard.type('Closed on ')
    await page.getByRole('button', { name: 'Bold', exact: true }).click()
    await page.keyboard.type('Monday')
    await page.getByRole('button', { name: 'Bold', exact: true }).click()
    await page.keyboard.type(' for the holiday.')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('[role=status]', 'The message is saved.')
    const listed = page.getByTestId('message').first()
    await listed.waitFor()
    assert.equal(await listed.locator('strong').innerText(), 'Monday')
    await logOut(page, 'Log out')
    await page.waitForURL(tenantUrl(tenant.slug, '/login'))

    // The customer: nothing on the home page, the message on the documents page.
    await logIn(page, tenant, 'lena@customer.example')
    assert.equal(await page.getByTestId('portal-message').count(), 0)
    await page.getByRole('link', { name: 'Documents' }).first().click()
    await page.waitForURL(tenantUrl(tenant.slug, '/documents'))
    const shown = page.getByTestId('portal-message')
    await shown.waitFor()
    assert.equal(await shown.count(), 1)
    assert.equal(await shown.getAttribute('data-type'), 'warning')
    assert.equal(await shown.getAttribute('role'), 'status')
    assert.equal(await shown.locator('strong').innerText(), 'Monday')
    // A space typed at the end of a line may come out of the editor as a no-break space.
    const text = await shown.innerText()
    assert.include(text.replace(/\s+/g, ' '), 'Closed on Monday for the holiday.')

    // Back on the home page (a client-side visit), the message is gone again.
    await page.getByRole('link', { name: 'Home' }).first().click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.getByTestId('tenant-name').waitFor()
    assert.equal(await page.getByTestId('portal-message').count(), 0)
  }).timeout(120_000)
})
