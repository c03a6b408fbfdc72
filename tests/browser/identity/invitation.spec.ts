/** @spec IAM-8 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { logOut } from '#tests/support/browser'

test.group('Browser / invitation', (group) => {
  resetWorld(group)

  test('an admin invites a customer, who activates the account and lands logged in', async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      name: 'Lessor One',
      primaryColor: '#7c2d12',
    }).create()
    await UserFactory.for(tenant)
      .apply('admin')
      .merge({ email: 'admin@lessor.example', locale: 'en' })
      .create()

    // The admin logs in and sends the invitation from the admin page.
    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('admin@lessor.example')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    // Two-step verification is offered at login; the admin declines for now.
    await page.waitForURL(tenantUrl(tenant.slug, '/account/two-step/offer'))
    await page.getByRole('button', { name: 'Not now' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.getByRole('link', { name: 'Administration' }).first().click()
    await page.getByRole('link', { name: 'Invite customers' }).click()
    await page.getByLabel('E-mail address').fill('nina@customer.example')
    await page.getByLabel('First name').fill('Nina')
    await page.getByRole('button', { name: 'Send the invitation' }).click()
    await page.assertTextContains(
      '[role=status]',
      'The invitation to nina@customer.example is on its way.'
    )
    await page.assertTextContains('[data-testid=invitation-row]', 'Waiting for activation')
    await logOut(page, 'Log out')
    await page.waitForURL(tenantUrl(tenant.slug, '/login'))

    // The customer follows the link from the e-mail MailDev caught.
    const [mail] = await maildev.waitFor('nina@customer.example')
    const link = maildev.link(mail, '/activate/')
    await page.goto(link)
    await page.assertTextContains('h1', 'Activate your account')
    await page.getByLabel('New password').fill('nina-chooses-this')
    await page.getByLabel('Repeat the password').fill('nina-chooses-this')
    await page.getByRole('button', { name: 'Activate my account' }).click()

    // First login: the profile asks for the last name the invitation lacked.
    await page.waitForURL(tenantUrl(tenant.slug, '/account/profile'))
    await page.assertTextContains('h1', 'Complete your profile')
    await page.getByLabel('Last name').fill('Janssens')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.assertTextContains(
      '[data-testid=welcome]',
      'Welcome to the Lessor One portal, Nina.'
    )
    await page.assertTextContains('[data-testid=user-name]', 'Nina')
    const headerColour = await page
      .locator('header')
      .evaluate((element) => (globalThis as any).getComputedStyle(element).backgroundColor)
    assert.equal(headerColour, 'rgb(124, 45, 18)')

    // The link is used up.
    await logOut(page, 'Log out')
    await page.goto(link)
    await page.assertTextContains('h1', 'This invitation was already used')
  }).timeout(120_000)

  test('the language switch changes the page and is remembered after login', async ({ visit }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'en' }).create()
    await UserFactory.for(tenant).merge({ email: 'marc@example.com' }).create()

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('Language').selectOption('fr')
    await page.assertTextContains('h1', 'Connexion')
    await page.getByLabel('Adresse e-mail').fill('marc@example.com')
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/account/two-step/offer'))
    await page.getByRole('button', { name: 'Pas maintenant' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.getByLabel('Langue').selectOption('nl')
    await page.assertTextContains('h1', 'Start')
    await logOut(page, 'Afmelden')
    await page.waitForURL(tenantUrl(tenant.slug, '/login'))
    await page.assertTextContains('h1', 'Aanmelden')
  }).timeout(60_000)

  test('a wrong password shows the error next to the form, in the page language', async ({
    visit,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'fr' }).create()
    await UserFactory.for(tenant).merge({ email: 'marc@example.com' }).create()
    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('Language').or(page.getByLabel('Langue')).selectOption('fr')
    await page.getByLabel('Adresse e-mail').fill('marc@example.com')
    await page.getByLabel('Mot de passe').fill('wrong-password')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertTextContains(
      '[role=alert]',
      "L'adresse e-mail ou le mot de passe n'est pas correct."
    )
  }).timeout(60_000)
})
