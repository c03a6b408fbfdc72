/** @spec TEN-5 */
import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import PortalMessage from '#models/portal_message'
import ActivityEvent from '#models/activity_event'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'

type Shown = Record<string, { id: number; type: string; html: string }[]>

function send(request: ApiRequest, form: Record<string, unknown> = {}) {
  return request.withCsrfToken().form(form).redirects(0)
}

function messagesOf(tenant: Tenant) {
  return tenantContext.run(tenant.id, () =>
    PortalMessage.query().orderBy('page').orderBy('position').orderBy('id')
  )
}

/** The portal messages a page receives (every page's, in the reader's language). */
async function shownOn(client: ApiClient, tenant: Tenant, path: string, user?: User) {
  let request = client.get(path).forTenant(tenant.slug).withInertia()
  if (user) request = request.loginAs(user)
  const response = await request
  response.assertStatus(200)
  return {
    component: (response.body() as { component: string }).component,
    messages: (response.inertiaProps as { portalMessages: Shown }).portalMessages,
  }
}

test.group('Portal messages (TEN-5)', (group) => {
  resetWorld(group)

  test('an admin adds, edits, orders and deletes messages; the activity log has each change', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const post = (form: Record<string, unknown>) =>
      send(client.post('/admin/messages').forTenant(tenant.slug).loginAs(admin), form)

    for (const text of ['First', 'Second', 'Third']) {
      const response = await post({
        page: 'portal/home',
        type: 'neutral',
        bodyEn: `<p>${text}</p>`,
      })
      response.assertStatus(302)
      assert.equal(response.header('location'), '/admin/messages')
      assert.equal(response.flashMessages().success, 'The message is saved.')
    }
    let rows = await messagesOf(tenant)
    assert.deepEqual(
      rows.map((row) => [row.bodyEn, row.position]),
      [
        ['<p>First</p>', 1],
        ['<p>Second</p>', 2],
        ['<p>Third</p>', 3],
      ]
    )
    const [first, second, third] = rows

    // Third moves above Second; First cannot go further up.
    await send(
      client.post(`/admin/messages/${third.id}/move`).forTenant(tenant.slug).loginAs(admin),
      { direction: 'up' }
    )
    await send(
      client.post(`/admin/messages/${first.id}/move`).forTenant(tenant.slug).loginAs(admin),
      { direction: 'up' }
    )
    rows = await messagesOf(tenant)
    assert.deepEqual(
      rows.map((row) => row.id),
      [first.id, third.id, second.id]
    )

    // Edited: other type and text, moved to the documents page (at its end).
    const edited = await send(
      client.put(`/admin/messages/${first.id}`).forTenant(tenant.slug).loginAs(admin),
      {
        page: 'portal/documents',
        type: 'important',
        bodyEn: '<p>Changed <strong>now</strong></p>',
        bodyNl: '<p>Gewijzigd</p>',
        bodyFr: '<p></p>',
      }
    )
    edited.assertStatus(302)
    const changed = await tenantContext.run(tenant.id, () => PortalMessage.findOrFail(first.id))
    assert.equal(changed.page, 'portal/documents')
    assert.equal(changed.type, 'important')
    assert.equal(changed.bodyEn, '<p>Changed <strong>now</strong></p>')
    assert.equal(changed.bodyNl, '<p>Gewijzigd</p>')
    assert.isNull(changed.bodyFr, 'an empty editor stores no text')
    assert.equal(changed.updatedById, admin.id)

    const page = await client
      .get('/admin/messages')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as {
      entries: { id: number; page: string; bodies: Record<string, string | null> }[]
      pages: { component: string }[]
    }
    assert.sameMembers(
      props.entries.map((message) => message.id),
      [first.id, second.id, third.id]
    )
    assert.equal(props.pages[0].component, 'auth/login')

    const deleted = await send(
      client.delete(`/admin/messages/${second.id}`).forTenant(tenant.slug).loginAs(admin)
    )
    assert.equal(deleted.flashMessages().success, 'The message is deleted.')
    rows = await messagesOf(tenant)
    assert.deepEqual(
      rows.map((row) => row.id),
      [first.id, third.id]
    )

    const events = await tenantContext.run(tenant.id, () =>
      ActivityEvent.query().where('type', 'like', 'portal_message.%').orderBy('id')
    )
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'portal_message.created',
        'portal_message.created',
        'portal_message.created',
        'portal_message.moved',
        'portal_message.updated',
        'portal_message.deleted',
      ]
    )
    assert.equal(events[0].actorId, admin.id)
  })

  test('hostile HTML is refused with a clear message and the previous text is kept', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'en' }).create()
    await send(client.post('/admin/messages').forTenant(tenant.slug).loginAs(admin), {
      page: 'portal/home',
      type: 'warning',
      bodyNl: '<p>Onderhoud zaterdag</p>',
    })
    const [message] = await messagesOf(tenant)

    const refused = await send(
      client.put(`/admin/messages/${message.id}`).forTenant(tenant.slug).loginAs(admin),
      {
        page: 'portal/home',
        type: 'important',
        bodyNl: '<p>Onderhoud</p><script>document.location="https://evil.example"</script>',
        bodyEn:
          '<p><img src=x onerror="alert(1)"><a href="javascript:alert(2)" onclick="x()">click</a></p>',
      }
    )
    refused.assertStatus(302)
    const errors = fieldErrors(refused)
    assert.equal(
      errors.bodyNl[0],
      'The text in Dutch was not saved: it contains <script>. A portal message may hold formatting and links to https://, http:// or mailto: only, no scripts, event handlers or other links. Remove it and save again; the message stays as it was.'
    )
    assert.include(
      errors.bodyEn[0],
      'The text in English was not saved: it contains <img>, onerror'
    )
    assert.include(errors.bodyEn[0], 'javascript:')
    assert.include(errors.bodyEn[0], 'onclick')

    const kept = await tenantContext.run(tenant.id, () => PortalMessage.findOrFail(message.id))
    assert.equal(kept.type, 'warning')
    assert.equal(kept.bodyNl, '<p>Onderhoud zaterdag</p>')
    assert.isNull(kept.bodyEn)
  })

  test('validation: the default language is required, the text has a hard limit, pages are a fixed list', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'fr' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'en' }).create()
    const post = (form: Record<string, unknown>) =>
      send(client.post('/admin/messages').forTenant(tenant.slug).loginAs(admin), form)

    const noDefault = await post({ page: 'portal/home', type: 'neutral', bodyEn: '<p>Hi</p>' })
    assert.equal(
      fieldErrors(noDefault).bodyFr[0],
      "Write the message in French, the portal's default language: visitors whose language has no text see that one."
    )
    const onlyMarkup = await post({ page: 'portal/home', type: 'neutral', bodyFr: '<p> <br> </p>' })
    assert.property(fieldErrors(onlyMarkup), 'bodyFr')

    const long = `<p>${'x'.repeat(20_001)}</p>`
    const tooLong = await post({ page: 'portal/home', type: 'neutral', bodyFr: long })
    assert.equal(
      fieldErrors(tooLong).bodyFr[0],
      'The text in French is too long: 20,008 characters of formatted text, at most 20,000 fit. Shorten it; nothing was saved.'
    )

    const badPage = await post({ page: 'admin/dashboard', type: 'loud', bodyFr: '<p>Salut</p>' })
    assert.sameMembers(Object.keys(fieldErrors(badPage)), ['page', 'type'])

    // Long, but under the hard limit: saved (the editor only warns).
    const longText = await post({
      page: 'portal/home',
      type: 'neutral',
      bodyFr: `<p>${'mot '.repeat(400)}</p>`,
    })
    assert.deepEqual(fieldErrors(longText), {})
    assert.lengthOf(await messagesOf(tenant), 1)
  })

  test('messages show on the chosen page only, in the reader’s language, else the default one', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const french = await UserFactory.for(tenant).merge({ locale: 'fr' }).create()
    const english = await UserFactory.for(tenant).merge({ locale: 'en' }).create()
    const post = (form: Record<string, unknown>) =>
      send(client.post('/admin/messages').forTenant(tenant.slug).loginAs(admin), form)
    await post({
      page: 'portal/home',
      type: 'important',
      bodyNl: '<p>Storing</p>',
      bodyFr: '<p>Panne</p>',
    })
    await post({ page: 'portal/home', type: 'neutral', bodyNl: '<p>Tweede</p>' })
    await post({ page: 'auth/login', type: 'warning', bodyNl: '<p>Onderhoud</p>' })

    const home = await shownOn(client, tenant, '/', french)
    assert.equal(home.component, 'portal/home')
    assert.deepEqual(
      home.messages[home.component].map(({ type, html }) => ({ type, html })),
      [
        { type: 'important', html: '<p>Panne</p>' },
        { type: 'neutral', html: '<p>Tweede</p>' },
      ]
    )
    assert.notProperty(home.messages, 'portal/documents')

    const fallback = await shownOn(client, tenant, '/', english)
    assert.deepEqual(
      fallback.messages['portal/home'].map(({ html }) => html),
      ['<p>Storing</p>', '<p>Tweede</p>']
    )

    const documents = await shownOn(client, tenant, '/documents', french)
    assert.equal(documents.component, 'portal/documents')
    assert.isUndefined(documents.messages[documents.component])

    // Before login: the login page's message, in the tenant's default language.
    const login = await shownOn(client, tenant, '/login')
    assert.equal(login.component, 'auth/login')
    assert.deepEqual(login.messages['auth/login'], [
      { id: login.messages['auth/login'][0].id, type: 'warning', html: '<p>Onderhoud</p>' },
    ])

    // A change shows on the next page (the board of this process is refreshed).
    const rows = await messagesOf(tenant)
    const storing = rows.find((row) => row.bodyNl === '<p>Storing</p>')!
    await send(client.delete(`/admin/messages/${storing.id}`).forTenant(tenant.slug).loginAs(admin))
    const after = await shownOn(client, tenant, '/', french)
    assert.deepEqual(
      after.messages['portal/home'].map(({ html }) => html),
      ['<p>Tweede</p>']
    )

    // Another tenant's portal shows none of them.
    const other = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
    const stranger = await UserFactory.for(other).create()
    const elsewhere = await shownOn(client, other, '/', stranger)
    assert.deepEqual(elsewhere.messages, {})
  })

  test('staff who are not admins and customers cannot manage messages', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()
    for (const user of [staff, customer]) {
      const page = await client.get('/admin/messages').forTenant(tenant.slug).loginAs(user)
      page.assertStatus(403)
      const created = await send(
        client.post('/admin/messages').forTenant(tenant.slug).loginAs(user),
        {
          page: 'portal/home',
          type: 'neutral',
          bodyEn: '<p>Hi</p>',
        }
      )
      created.assertStatus(403)
    }
    assert.lengthOf(await messagesOf(tenant), 0)
  })
})
