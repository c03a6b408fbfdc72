/** @spec TEN-3 TEN-4 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { writeTemp } from '#tests/support/documents'
import { png } from '#tests/support/images'
import { logOut } from '#tests/support/browser'
import { tenantContext } from '#tenancy/tenant_context'

test.group('Browser / branding (TEN-3, TEN-4)', (group) => {
  resetWorld(group)

  test('the admin sets colours, logo and contact details; the portal shows them', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      name: 'Acme Lease',
      primaryColor: '#1d4ed8',
    }).create()
    const admin = await UserFactory.for(tenant)
      .apply('admin')
      .merge({ email: 'admin@acme.be' })
      .create()
    await tenantContext.run(tenant.id, async () => {
      admin.twoStepDeclinedAt = DateTime.now()
      await admin.save()
    })

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('admin@acme.be')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.goto(tenantUrl(tenant.slug, '/admin/portal'))

    /** The preview follows the colour as it is typed, before saving. */
    const branding = page.locator('[data-section="branding"]')
    await branding.locator('#primaryColor').fill('#7c2d12')
    const preview = page.getByTestId('branding-preview').locator('div').first()
    assert.equal(
      await preview.evaluate(
        (element) => (globalThis as any).getComputedStyle(element).backgroundColor
      ),
      'rgb(124, 45, 18)'
    )
    await branding.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Settings saved.').waitFor()

    await page
      .locator('[data-image="logo"] input[type="file"]')
      .setInputFiles(writeTemp('acme-logo.png', png(240, 60, [255, 255, 255])))
    await page.locator('[data-image="logo"] img').waitFor()

    const contact = page.locator('[data-section="contact"]')
    await contact.getByLabel('Support e-mail address').fill('help@acme.be')
    await contact.getByLabel('Support line (phone)').fill('+32 2 123 45 67')
    await contact.getByRole('button', { name: 'Save' }).click()
    await page.getByTestId('site-footer').waitFor()

    /** The header of the portal uses the colour and shows the logo instead of the name. */
    const header = page.locator('header').first()
    assert.equal(
      await header.evaluate(
        (element) => (globalThis as any).getComputedStyle(element).backgroundColor
      ),
      'rgb(124, 45, 18)'
    )
    const logo = page.getByTestId('tenant-logo')
    await logo.waitFor()
    assert.equal(await logo.getAttribute('alt'), 'Acme Lease')
    assert.isAbove(await logo.evaluate((image) => (image as any).naturalWidth), 0)

    /** Visitors see it too: the login page, with the contact details and the help link. */
    await logOut(page, 'Log out')
    await page.waitForURL(/\/login$/)
    assert.equal(
      await page
        .locator('header')
        .first()
        .evaluate((element) => (globalThis as any).getComputedStyle(element).backgroundColor),
      'rgb(124, 45, 18)'
    )
    await page.getByTestId('tenant-logo').waitFor()
    const footer = page.getByTestId('site-footer')
    assert.include(await footer.innerText(), 'help@acme.be')
    assert.include(await footer.innerText(), '+32 2 123 45 67')
    await page.getByTestId('help-link').click()
    await page.getByText('Your message goes to help@acme.be').waitFor()
  }).timeout(60_000)
})
