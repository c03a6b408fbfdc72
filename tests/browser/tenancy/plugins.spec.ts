/** @spec TEN-2 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantUrl } from '#tests/support/api_client_macros'
import { tenantContext } from '#tenancy/tenant_context'
import TenantPlugin from '#models/tenant_plugin'

test.group('Browser / Apps & integrations (TEN-2)', (group) => {
  resetWorld(group)

  test("the fixture plugin's settings form shows errors per field in the admin language, then saves and enables", async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
    const admin = await UserFactory.for(tenant)
      .apply('admin')
      .merge({ email: 'beheer@acme.be', locale: 'nl' })
      .create()
    await tenantContext.run(tenant.id, async () => {
      admin.twoStepDeclinedAt = DateTime.now()
      await admin.save()
    })

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    /** The visitor's browser asks for English; once logged in, the admin's own Dutch applies. */
    await page.getByLabel('E-mail address').fill('beheer@acme.be')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    await page.goto(tenantUrl(tenant.slug, '/admin/plugins'))

    const hello = page.locator('[data-plugin="hello"]')
    await hello.getByText('Instellingen', { exact: true }).click()
    /** Labels and choices come from the schema, in the admin's language. */
    await hello.getByLabel('Begroeting').fill('Dag allemaal')
    await hello.getByLabel('Wie ziet het').selectOption({ label: 'Alleen klanten' })
    await hello.locator('[data-field="repeat"] input').fill('7')
    await hello.getByLabel('Dagelijks overzicht sturen').check()
    await hello.getByLabel('Naar adres').fill('geen-adres')
    await hello.getByRole('button', { name: 'Instellingen bewaren' }).click()

    await hello.locator('[data-field="repeat"]').getByText('Dit mag hoogstens 3 zijn.').waitFor()
    await hello
      .locator('[data-field="notify.email"]')
      .getByText('Dit is geen geldige email.')
      .waitFor()

    await hello.locator('[data-field="repeat"] input').fill('2')
    await hello.getByLabel('Naar adres').fill('ops@acme.be')
    await hello.getByLabel('API-sleutel').fill('sk-live-4f1c2a9e77d0')
    await hello.getByRole('button', { name: 'Instellingen bewaren' }).click()
    await page.getByText('De instellingen van de app zijn bewaard.').waitFor()
    assert.equal(await hello.locator('[data-field="repeat"] p.text-red-700').count(), 0)

    /** The secret field is write-only: after saving, only "stored" shows. */
    await page.reload()
    await hello.getByText('Instellingen', { exact: true }).click()
    await hello.getByTestId('secret-state').getByText('Opgeslagen.', { exact: false }).waitFor()
    assert.equal(await hello.getByLabel('API-sleutel').inputValue(), '')
    assert.notInclude(await page.content(), 'sk-live-4f1c2a9e77d0')

    await hello.getByRole('button', { name: 'Inschakelen' }).click()
    await hello.getByTestId('plugin-state').getByText('Ingeschakeld').waitFor()
    /** Its menu entry appears in the portal's navigation. */
    await page.getByTestId('plugin-menu-hello.greeting').waitFor()
    assert.equal(await page.getByTestId('plugin-menu-hello.greeting').innerText(), 'Begroeting')
  }).timeout(60_000)
})

test.group('Browser / plugin pages', (group) => {
  resetWorld(group)

  test("a plugin's Vue page renders in the portal layout with the plugin's texts in the user's language", async ({
    visit,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const customer = await UserFactory.for(tenant)
      .merge({ email: 'anne@example.com', locale: 'fr', firstName: 'Anne' })
      .create()
    await tenantContext.run(tenant.id, async () => {
      customer.twoStepDeclinedAt = DateTime.now()
      await customer.save()
      await TenantPlugin.create({
        tenantId: tenant.id,
        pluginId: 'hello',
        enabled: true,
        settings: '{"greeting":"Salut"}',
      })
    })

    const page = await visit(tenantUrl(tenant.slug, '/login'))
    await page.getByLabel('E-mail address').fill('anne@example.com')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(tenantUrl(tenant.slug, '/'))
    /** The plugin's card in the home page's slot, its component loaded on demand. */
    const card = page.locator('[data-slot="portal.home"][data-plugin="hello"]')
    await card.getByTestId('hello-panel').waitFor()
    assert.include(await card.innerText(), 'Salutations')
    /** Its page brings its own module. */
    const loaded: string[] = []
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname))
    await page.goto(tenantUrl(tenant.slug, '/hello/page'))
    await page.getByRole('heading', { name: 'Salutations' }).waitFor()
    assert.equal(await page.getByTestId('greeting').innerText(), 'Salut, Anne User !')
    assert.equal(await page.getByTestId('count').innerText(), '2 salutations')
    assert.isTrue(loaded.some((path) => path.includes('/hello/pages/greeting.vue')))
  }).timeout(60_000)
})
