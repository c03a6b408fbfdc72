/** @spec TEN-1 TEN-3 TEN-4 TEN-8 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import Tenant from '#models/tenant'
import type User from '#models/user'
import ActivityEvent from '#models/activity_event'
import { tenantContext } from '#tenancy/tenant_context'
import { TenantResolver } from '#tenancy/tenant_resolver'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'
import { writeTemp } from '#tests/support/documents'
import { png } from '#tests/support/images'
import { maildev } from '#tests/support/maildev'
import env from '#start/env'

async function reload(tenant: Tenant) {
  return tenantContext.runUnscoped('test', () => Tenant.findOrFail(tenant.id))
}

/** One column of the tenant as stored now. */
async function field<Key extends keyof Tenant>(tenant: Tenant, key: Key): Promise<Tenant[Key]> {
  const fresh = await reload(tenant)
  return fresh[key]
}

function send(
  client: ApiClient,
  tenant: Tenant,
  user: User,
  method: 'put' | 'post' | 'delete',
  path: string,
  body: Record<string, unknown> = {}
) {
  return client[method](path)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .json(body)
    .redirects(0)
}

function uploadImage(client: ApiClient, tenant: Tenant, user: User, kind: string, file: string) {
  return client
    .post(`/admin/portal/images/${kind}`)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withCsrfToken()
    .file('image', file)
    .redirects(0)
}

/** The tenant as the layouts receive it. */
async function layoutTenant(client: ApiClient, tenant: Tenant, user: User) {
  const page = await client.get('/').forTenant(tenant.slug).loginAs(user).withInertia()
  return (page.inertiaProps as { tenant: Record<string, any> }).tenant
}

test.group('Tenant administration / portal address (TEN-1)', (group) => {
  resetWorld(group)

  test('a valid host is saved, normalised, and the portal answers on it', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const saved = await send(client, tenant, admin, 'put', '/admin/portal/host', {
      customHost: ' HTTPS://Portaal.Example.BE/ ',
    })
    saved.assertStatus(302)
    assert.deepEqual(fieldErrors(saved), {})
    assert.equal(await field(tenant, 'customHost'), 'portaal.example.be')

    TenantResolver.flush()
    const onHost = await client
      .get('/login')
      .header('Host', `portaal.example.be:${env.get('PORT')}`)
      .withInertia()
    onHost.assertStatus(200)
    assert.equal((onHost.inertiaProps as any).tenant.slug, tenant.slug)

    const log = await tenantContext.run(tenant.id, () =>
      ActivityEvent.query().where('type', 'tenant.settings_changed').firstOrFail()
    )
    assert.include(log.details!, 'portaal.example.be')
  })

  test('refuses malformed, unreal, platform and taken hosts and keeps the stored one', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ customHost: 'klanten.acme.be' }).create()
    await TenantFactory.merge({ customHost: 'portal.other.com' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'en' }).create()
    const cases: [string, string][] = [
      ['not a host', 'This is not a host name'],
      ['portal.example.com/login', 'without a path'],
      ['portal..example.com', 'This is not a host name'],
      ['-portal.example.com', 'This is not a host name'],
      ['portal.example.com:8443', 'This is not a host name'],
      ['192.168.10.4', 'An IP address'],
      ['portal.example.notarealtld', 'real domain extension'],
      ['co.uk', 'real domain extension'],
      [`other.${env.get('TENANT_BASE_DOMAIN')}`, "platform's own"],
      ['portal.other.com', 'Another portal already uses this address'],
    ]
    for (const [host, message] of cases) {
      const refused = await send(client, tenant, admin, 'put', '/admin/portal/host', {
        customHost: host,
      })
      refused.assertStatus(302)
      const errors = fieldErrors(refused)
      assert.include(errors.customHost?.[0] ?? '', message, host)
    }
    assert.equal(await field(tenant, 'customHost'), 'klanten.acme.be')
  })

  test('the error is in the admin language; an empty value returns to the subdomain', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ customHost: 'klanten.acme.be' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    const refused = await send(client, tenant, admin, 'put', '/admin/portal/host', {
      customHost: 'portaal.voorbeeld.nietbestaand',
    })
    assert.include(fieldErrors(refused).customHost[0], 'bestaande domeinextensie')

    await send(client, tenant, admin, 'put', '/admin/portal/host', { customHost: '' })
    assert.isNull(await field(tenant, 'customHost'))
  })
})

test.group('Tenant administration / branding (TEN-3)', (group) => {
  resetWorld(group)

  test('a logo and a favicon are checked, stored, served and shown by the layout', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const customer = await UserFactory.for(tenant).create()

    const logo = writeTemp('logo.png', png(240, 60))
    const response1 = await uploadImage(client, tenant, admin, 'logo', logo)
    response1.assertStatus(302)
    const favicon = writeTemp('favicon.png', png(32, 32, [200, 0, 0]))
    const response2 = await uploadImage(client, tenant, admin, 'favicon', favicon)
    response2.assertStatus(302)

    const shown = await layoutTenant(client, tenant, customer)
    assert.match(shown.logoUrl, /^\/branding\/logo-[0-9a-f]{20}\.png$/)
    assert.match(shown.faviconUrl, /^\/branding\/favicon-[0-9a-f]{20}\.png$/)

    const served = await client.get(shown.logoUrl).forTenant(tenant.slug)
    served.assertStatus(200)
    served.assertHeader('content-type', 'image/png')
    assert.include(served.header('cache-control'), 'immutable')

    const html = await client.get('/login').forTenant(tenant.slug)
    assert.include(html.text(), `<link rel="icon" href="${shown.faviconUrl}">`)

    /** Another tenant cannot read it through its own host. */
    const other = await TenantFactory.create()
    const response3 = await client.get(shown.logoUrl).forTenant(other.slug)
    response3.assertStatus(404)
  })

  test('refuses a renamed executable, an SVG, an oversized file and wrong dimensions; the previous logo stays', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'en' }).create()
    await uploadImage(client, tenant, admin, 'logo', writeTemp('logo.png', png(200, 50)))
    const before = await field(tenant, 'logoKey')
    assert.isNotNull(before)

    const executable = Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(2000, 1)])
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
    )
    const cases: [string, string, Buffer, string][] = [
      ['logo', 'logo.png', executable, 'not an image of an accepted kind'],
      ['logo', 'logo.svg', svg, 'not an image of an accepted kind'],
      ['logo', 'big.png', png(100, 100, undefined, 1100 * 1024), 'too large'],
      ['logo', 'tiny.png', png(8, 8), 'too small'],
      ['favicon', 'huge.png', png(1024, 1024), 'at most 512 pixels'],
      ['favicon', 'empty.png', Buffer.alloc(0), 'empty'],
    ]
    for (const [kind, name, bytes, message] of cases) {
      const refused = await uploadImage(client, tenant, admin, kind, writeTemp(name, bytes))
      refused.assertStatus(302)
      assert.include(fieldErrors(refused).image?.[0] ?? '', message, name)
    }
    const after = await reload(tenant)
    assert.equal(after.logoKey, before)
    assert.isNull(after.faviconKey)
  })

  test('colours are checked; the header text follows the contrast of the primary colour', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ primaryColor: '#1d4ed8' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'fr' }).create()
    const refused = await send(client, tenant, admin, 'put', '/admin/portal/branding', {
      primaryColor: 'red',
      secondaryColor: '#12345',
    })
    const errors = fieldErrors(refused)
    assert.include(errors.primaryColor[0], 'doit être une couleur')
    assert.include(errors.secondaryColor[0], 'doit être une couleur')
    assert.equal(await field(tenant, 'primaryColor'), '#1d4ed8')

    const grey = await send(client, tenant, admin, 'put', '/admin/portal/branding', {
      primaryColor: '#808080',
      secondaryColor: '#0f766e',
    })
    assert.include(grey.flashMessages().warning, 'difficile à lire')

    const yellow = await send(client, tenant, admin, 'put', '/admin/portal/branding', {
      primaryColor: '#FACC15',
      secondaryColor: '#0f766e',
    })
    assert.isUndefined(yellow.flashMessages().warning)
    const shown = await layoutTenant(client, tenant, admin)
    assert.equal(shown.primaryColor, '#facc15')
    assert.equal(shown.onPrimary, '#111827', 'dark text on yellow')
  })

  test("inheriting the organisation's style follows its later changes", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ primaryColor: '#1d4ed8' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await send(client, tenant, admin, 'put', '/admin/portal/org-style', {
      orgPrimaryColor: '#7c2d12',
      orgSecondaryColor: '#365314',
    })
    await uploadImage(client, tenant, admin, 'org_logo', writeTemp('org.png', png(300, 80)))
    const initial = await layoutTenant(client, tenant, admin)
    assert.equal(initial.primaryColor, '#1d4ed8')

    await send(client, tenant, admin, 'put', '/admin/portal/branding', {
      inheritOrgStyle: true,
      primaryColor: '#1d4ed8',
      secondaryColor: '#0f766e',
    })
    let shown = await layoutTenant(client, tenant, admin)
    assert.equal(shown.primaryColor, '#7c2d12')
    assert.equal(shown.secondaryColor, '#365314')
    assert.match(shown.logoUrl, /^\/branding\/org_logo-/)

    await send(client, tenant, admin, 'put', '/admin/portal/org-style', {
      orgPrimaryColor: '#14532d',
      orgSecondaryColor: '#365314',
    })
    shown = await layoutTenant(client, tenant, admin)
    assert.equal(shown.primaryColor, '#14532d', 'the portal follows the new house style')

    await send(client, tenant, admin, 'put', '/admin/portal/branding', {
      inheritOrgStyle: false,
      primaryColor: '#1d4ed8',
      secondaryColor: '#0f766e',
    })
    shown = await layoutTenant(client, tenant, admin)
    assert.equal(shown.primaryColor, '#1d4ed8')
    assert.isNull(shown.logoUrl)
  })
})

test.group('Tenant administration / contact, header and licence (TEN-4, TEN-8)', (group) => {
  resetWorld(group)

  test('contact details are checked and reach the layout', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'en' }).create()
    const refused = await send(client, tenant, admin, 'put', '/admin/portal/contact', {
      supportEmail: 'not-an-address',
      websiteUrl: 'javascript:alert(1)',
      supportPhone: 'call us',
    })
    const errors = fieldErrors(refused)
    assert.properties(errors, ['supportEmail', 'websiteUrl', 'supportPhone'])
    assert.include(errors.websiteUrl[0], 'full web address')

    await send(client, tenant, admin, 'put', '/admin/portal/contact', {
      supportEmail: 'Support@Acme.be',
      websiteUrl: 'https://www.acme.be',
      supportPhone: '+32 2 123 45 67',
    })
    const shown = await layoutTenant(client, tenant, admin)
    assert.deepEqual(shown.contact, {
      email: 'support@acme.be',
      website: 'https://www.acme.be',
      phone: '+32 2 123 45 67',
    })
    assert.isTrue(shown.helpForm)
  })

  test('header options: help needs a support address; register shows only with self-registration', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ registrationStyles: '' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await send(client, tenant, admin, 'put', '/admin/portal/header', {
      showRegisterButton: true,
      helpFormEnabled: true,
    })
    let shown = await layoutTenant(client, tenant, admin)
    assert.isFalse(shown.helpForm, 'no support address yet')
    assert.isFalse(shown.registerButton, 'no self-registration')
    const response4 = await client.get('/help').forTenant(tenant.slug)
    response4.assertStatus(404)

    tenant.merge({ registrationStyles: 'activation_code', supportEmail: 'help@acme.be' })
    await tenantContext.runUnscoped('test', () => tenant.save())
    TenantResolver.flush()
    shown = await layoutTenant(client, tenant, admin)
    assert.isTrue(shown.helpForm)
    assert.isTrue(shown.registerButton)

    await send(client, tenant, admin, 'put', '/admin/portal/header', {
      showRegisterButton: false,
      helpFormEnabled: false,
    })
    TenantResolver.flush()
    shown = await layoutTenant(client, tenant, admin)
    assert.isFalse(shown.helpForm)
    assert.isFalse(shown.registerButton)
  })

  test('the licence shows used and included customer logins', async ({ client, assert }) => {
    const tenant = await TenantFactory.merge({ seatLimit: 50 }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await UserFactory.for(tenant).create()
    await UserFactory.for(tenant).apply('invited').create()
    await UserFactory.for(tenant).apply('blocked').create()
    const dashboard = await client.get('/admin').forTenant(tenant.slug).loginAs(admin).withInertia()
    assert.deepEqual((dashboard.inertiaProps as any).licence, { used: 2, included: 50 })
    const settings = await client
      .get('/admin/portal')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    assert.deepEqual((settings.inertiaProps as any).licence, { used: 2, included: 50 })
  })

  test('only admins change the settings', async ({ client, assert }) => {
    const tenant = await TenantFactory.merge({ primaryColor: '#1d4ed8' }).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()
    for (const user of [staff, customer]) {
      const page = await client.get('/admin/portal').forTenant(tenant.slug).loginAs(user)
      page.assertStatus(403)
      const put = await send(client, tenant, user, 'put', '/admin/portal/branding', {
        primaryColor: '#000000',
        secondaryColor: '#000000',
      })
      put.assertStatus(403)
    }
    assert.equal(await field(tenant, 'primaryColor'), '#1d4ed8')
  })
})

test.group('Tenant administration / help from the header (TEN-4)', (group) => {
  resetWorld(group)

  test("a visitor's question reaches the support address in the tenant's language, answerable by Reply", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      supportEmail: 'help@acme.be',
      supportPhone: '+32 2 123 45 67',
      defaultLocale: 'nl',
      primaryColor: '#facc15',
      logoKey: 'branding/1/logo-0123456789abcdef0123.png',
    }).create()
    const refused = await client
      .post('/help')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .json({ subject: 'x', message: 'short' })
      .redirects(0)
    assert.properties(fieldErrors(refused), ['subject', 'message', 'replyTo'])

    const sent = await client
      .post('/help')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .json({
        subject: 'Factuur 2026-0042',
        message: 'Het bedrag klopt niet.\n<script>alert(1)</script>',
        replyTo: 'visitor@example.com',
      })
      .redirects(0)
    sent.assertStatus(302)
    const [mail] = await maildev.waitFor('help@acme.be')
    assert.equal(mail.subject, 'Vraag via het portaal: Factuur 2026-0042')
    assert.include(mail.html, 'Het bedrag klopt niet.<br />&lt;script&gt;')
    assert.include(mail.html, '&lt;script&gt;')
    assert.notInclude(mail.html, '<script>')
    assert.include(mail.html, 'zonder aan te melden')
    /** The e-mail carries the branding: logo by absolute address, text colour readable on yellow, contact footer. */
    assert.match(mail.html, /<img src="http:\/\/[^"]+\/branding\/logo-0123456789abcdef0123\.png"/)
    assert.include(mail.html, 'background:#facc15;color:#111827')
    assert.include(mail.html, 'href="mailto:help@acme.be"')
    assert.include(mail.html, 'href="tel:+3221234567"')
    assert.match(await maildev.raw(mail), /^Reply-To: visitor@example\.com\r?$/m)
  }).timeout(30_000)

  test("a logged-in customer's address is the account's, whatever the form says", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      supportEmail: 'help@acme.be',
      defaultLocale: 'en',
    }).create()
    const customer = await UserFactory.for(tenant)
      .merge({ email: 'anna@example.com', firstName: 'Anna' })
      .create()
    const sent = await client
      .post('/help')
      .forTenant(tenant.slug)
      .loginAs(customer)
      .withCsrfToken()
      .json({ subject: 'My invoice', message: 'Please send a copy.', replyTo: 'evil@example.com' })
      .redirects(0)
    sent.assertStatus(302)
    const [mail] = await maildev.waitFor('help@acme.be')
    assert.include(mail.html, 'Anna')
    assert.include(mail.html, 'logged in to their account')
    assert.match(await maildev.raw(mail), /^Reply-To: anna@example\.com\r?$/m)
  }).timeout(30_000)
})
