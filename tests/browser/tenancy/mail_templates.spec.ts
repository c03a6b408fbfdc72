/** @spec TEN-6 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'

test.group('Browser / e-mail templates', (group) => {
  resetWorld(group)

  test('an admin rewrites an e-mail, sees it previewed, tests it and resets it', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    await UserFactory.for(tenant)
      .apply('admin')
      .merge({ email: 'admin@lessor.example', locale: 'en' })
      .create()

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('admin@lessor.example')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/account/two-step/offer'))
    await page.getByRole('button', { name: 'Not now' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.goto(tenantUrl(tenant.slug, '/admin'))
    await page.getByRole('link', { name: /E-mail templates/ }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/admin/mail-templates'))
    await page
      .getByTestId('mail-template')
      .filter({ hasText: 'Password reset' })
      .getByRole('link')
      .nth(1)
      .click()
    await page.waitForURL(tenantUrl(tenant.slug, '/admin/mail-templates/password_reset/fr'))

    // The default text, previewed with the sample data inside the branded layout.
    const preview = page.frameLocator('[data-testid=mail-preview] iframe')
    await preview.getByText('Bonjour Marie,').waitFor()
    assert.equal(
      await page.getByLabel('Subject').inputValue(),
      'Choisissez un nouveau mot de passe pour le portail de {{ tenantName }}'
    )

    // A variable the e-mail does not have is refused, under the field.
    await page.getByLabel('Subject').fill('Mot de passe pour ')
    await page
      .getByTestId('mail-variables')
      .getByRole('button', { name: '{{ firstName }}' })
      .click()
    assert.equal(await page.getByLabel('Subject').inputValue(), 'Mot de passe pour {{ firstName }}')
    await page.getByLabel(/^Text/).fill('<p>Bonjour {{ firstName }}, {{ iban }}</p>')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('#mail-body-error', 'Unknown variable: “iban”')

    await page
      .getByLabel(/^Text/)
      .fill('<p>Bonjour {{ firstName }}, <a href="{{ resetUrl }}">cliquez ici</a>.</p>')
    await page.getByRole('button', { name: 'Update the preview' }).click()
    await preview.getByText('cliquez ici').waitFor()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('[role=status]', '“Password reset” in French is saved.')
    await page.assertTextContains('[data-testid=mail-template-editor]', 'Changed by')

    // A test goes out through the outbox to the admin's own address.
    await page.getByRole('button', { name: 'Send a test to me' }).click()
    await page.assertTextContains('[role=status]', 'A test e-mail is on its way')
    const [mail] = await maildev.waitFor('admin@lessor.example')
    assert.equal(mail.subject, '[TEST] Mot de passe pour Marie')

    // Back to the default, after confirming.
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Reset to default' }).click()
    await page.assertTextContains('[role=status]', 'uses the default text again')
    await page.assertTextContains(
      '[data-testid=mail-template-editor]',
      'This language uses the default text'
    )
  }).timeout(120_000)
})
