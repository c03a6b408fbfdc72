/** @spec IAM-2 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { logOut } from '#tests/support/browser'
import { codeIn } from '#tests/support/two_step'
import { totp } from '#services/totp'

test.group('Browser / two-step verification', (group) => {
  resetWorld(group)

  test('a user enrols from the login offer and the next login asks for the app code', async ({
    visit,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    await UserFactory.for(tenant)
      .merge({ email: 'iris@example.com', firstName: 'Iris', locale: 'en' })
      .create()

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('iris@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/account/two-step/offer'))
    await page.getByRole('link', { name: 'Set it up now' }).click()

    // Recovery e-mail, verified with the code MailDev caught.
    await page.waitForURL(tenantUrl(tenant.slug, '/account/two-step'))
    await page.getByLabel('Recovery e-mail address').fill('iris.home@example.com')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('main', 'We sent a 6-digit code to iris.home@example.com')
    const [mail] = await maildev.waitFor('iris.home@example.com')
    await page.getByLabel('6-digit code from the e-mail').fill(codeIn(mail))
    await page.getByRole('button', { name: 'Confirm the address' }).click()

    // The QR code and the secret as text; the test plays the authenticator app.
    await page.assertVisible('[data-testid=qr-code]')
    const shown = await page.getByTestId('totp-secret').innerText()
    const secret = shown.replaceAll(' ', '')
    // The moment of the confirming code: replaying it below must not depend on a 30 s boundary.
    const confirmedAt = Date.now()
    await page.getByLabel('6-digit code from your app').fill(totp.generate(secret, confirmedAt))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.assertTextContains('[role=status]', 'Two-step verification is on.')

    await logOut(page, 'Log out')
    await page.waitForURL(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('iris@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/login/two-step'))

    // The code used to confirm is spent; the app's next code (one step ahead) works.
    await page.getByLabel('6-digit code from your app').fill(totp.generate(secret, confirmedAt))
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.assertTextContains('main', 'This code was already used.')
    await page
      .getByLabel('6-digit code from your app')
      .fill(totp.generate(secret, Date.now() + 30_000))
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.assertTextContains(
      '[data-testid=welcome]',
      'Welcome to the Lessor One portal, Iris.'
    )
  }).timeout(120_000)
})
