/** @spec IAM-1 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import UserSession from '#models/user_session'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { sqlTimestamp } from '#services/sql'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'

type SessionData = Record<string, any>

/** A real login through the form, as a browser does; its session data is what its cookie holds. */
async function logIn(
  client: ApiClient,
  tenant: Tenant,
  user: User,
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
): Promise<SessionData> {
  const response = await client
    .post('/login')
    .forTenant(tenant.slug)
    .header('User-Agent', userAgent)
    .withCsrfToken()
    .form({ email: user.email, password: PASSWORD })
    .redirects(0)
  response.assertHeader('location', '/account/two-step/offer')
  return response.session()
}

/** A request with a browser's session (a copy of its cookie). */
function asBrowser(client: ApiClient, tenant: Tenant, session: SessionData, path = '/documents') {
  return client.get(path).forTenant(tenant.slug).withSession(session).redirects(0)
}

async function stillLoggedIn(client: ApiClient, tenant: Tenant, session: SessionData) {
  const response = await asBrowser(client, tenant, session)
  response.assertStatus(200)
}

async function loggedOut(client: ApiClient, tenant: Tenant, session: SessionData) {
  const response = await asBrowser(client, tenant, session)
  response.assertHeader('location', '/login')
}

function post(client: ApiClient, tenant: Tenant, session: SessionData, path: string) {
  return client.post(path).forTenant(tenant.slug).withSession(session).withCsrfToken().redirects(0)
}

async function rowsOf(tenant: Tenant, user: User) {
  return tenantContext.run(tenant.id, () =>
    UserSession.query().where('user_id', user.id).orderBy('id')
  )
}

test.group('Identity / sessions that can be ended', (group) => {
  resetWorld(group)

  test('logout ends the session on the server: a copy of its cookie no longer works', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const browser = await logIn(client, tenant, user)
    await stillLoggedIn(client, tenant, browser)

    const copy = structuredClone(browser)
    const out = await post(client, tenant, browser, '/logout')
    out.assertHeader('location', '/login')

    const replay = await asBrowser(client, tenant, copy)
    replay.assertHeader('location', '/login')
    const [row] = await rowsOf(tenant, user)
    assert.equal(row.endReason, 'logout')
  })

  test('a session ends after the tenant idle limit, and after its absolute limit however busy', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
    }).create()
    const user = await UserFactory.for(tenant).create()

    const idle = await logIn(client, tenant, user)
    await tenantContext.run(tenant.id, () =>
      UserSession.query()
        .where('user_id', user.id)
        .update({ last_seen_at: sqlTimestamp(DateTime.now().minus({ minutes: 31 })) })
    )
    const afterIdle = await asBrowser(client, tenant, idle)
    afterIdle.assertHeader('location', '/login')
    afterIdle.assertFlashMessage(
      'error',
      'You were logged out after a while without activity. Log in again.'
    )

    const busy = await logIn(client, tenant, user)
    await tenantContext.run(tenant.id, () =>
      UserSession.query()
        .where('user_id', user.id)
        .whereNull('ended_at')
        .update({
          created_at: sqlTimestamp(DateTime.now().minus({ hours: 12, minutes: 1 })),
          last_seen_at: sqlTimestamp(DateTime.now().minus({ minutes: 1 })),
        })
    )
    const afterMax = await asBrowser(client, tenant, busy)
    afterMax.assertHeader('location', '/login')
    afterMax.assertFlashMessage('error', 'Your session reached its maximum length. Log in again.')
    const rows = await rowsOf(tenant, user)
    assert.deepEqual(
      rows.map((row) => row.endReason),
      ['idle', 'expired']
    )
  })

  test('the user sees their sessions and ends another one; the others keep working', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const laptop = await logIn(client, tenant, user)
    const phone = await logIn(
      client,
      tenant,
      user,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
    )

    const page = await client
      .get('/account/security')
      .forTenant(tenant.slug)
      .withSession(laptop)
      .withInertia()
    page.assertInertiaComponent('account/security')
    const sessions = (
      page.inertiaProps as { sessions: { id: number; current: boolean; device: string }[] }
    ).sessions
    assert.lengthOf(sessions, 2)
    const current = sessions.find((item) => item.current)!
    const other = sessions.find((item) => !item.current)!
    assert.equal(current.device, 'Firefox 133 · Linux')
    assert.equal(other.device, 'Safari 18 · iOS')

    const ended = await post(client, tenant, laptop, `/account/sessions/${other.id}/end`)
    ended.assertFlashMessage('success', 'That session is ended: whoever used it must log in again.')
    await loggedOut(client, tenant, phone)
    await stillLoggedIn(client, tenant, laptop)
  })

  test("nobody ends another user's session, not even by its id", async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const victim = await UserFactory.for(tenant).merge({ email: 'victim@example.com' }).create()
    const attacker = await UserFactory.for(tenant).merge({ email: 'attacker@example.com' }).create()
    const stranger = await UserFactory.for(other).merge({ email: 'stranger@example.com' }).create()
    const victimBrowser = await logIn(client, tenant, victim)
    const [victimRow] = await rowsOf(tenant, victim)

    const attackerBrowser = await logIn(client, tenant, attacker)
    const refused = await post(
      client,
      tenant,
      attackerBrowser,
      `/account/sessions/${victimRow.id}/end`
    )
    refused.assertFlashMessage('error', 'That session had already ended.')
    const strangerBrowser = await logIn(client, other, stranger)
    await post(client, other, strangerBrowser, `/account/sessions/${victimRow.id}/end`)
    await post(client, other, strangerBrowser, '/account/sessions/end-others')

    await stillLoggedIn(client, tenant, victimBrowser)
    const [row] = await rowsOf(tenant, victim)
    assert.isNull(row.endedAt)
  })

  test('"log out everywhere else" keeps this browser only', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const first = await logIn(client, tenant, user)
    const second = await logIn(client, tenant, user)
    const third = await logIn(client, tenant, user)

    const done = await post(client, tenant, second, '/account/sessions/end-others')
    done.assertFlashMessage('success', '2 other sessions are ended.')
    await loggedOut(client, tenant, first)
    await loggedOut(client, tenant, third)
    await stillLoggedIn(client, tenant, second)
  })

  test("a block and an admin's account reset end the user's open sessions", async ({ client }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const blocked = await UserFactory.for(tenant).merge({ email: 'blocked@example.com' }).create()
    const reset = await UserFactory.for(tenant).merge({ email: 'reset@example.com' }).create()
    const blockedBrowser = await logIn(client, tenant, blocked)
    const resetBrowser = await logIn(client, tenant, reset)

    for (const path of [
      `/admin/users/${blocked.id}/block`,
      `/admin/users/${reset.id}/reset-account`,
    ]) {
      await client.post(path).forTenant(tenant.slug).loginAs(staff).withCsrfToken().redirects(0)
    }
    await loggedOut(client, tenant, blockedBrowser)
    await loggedOut(client, tenant, resetBrowser)
  }).timeout(30_000)

  test('cookies are Secure when the request came over HTTPS through a trusted proxy', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const plain = await client.get('/login').forTenant(tenant.slug)
    for (const cookie of plain.headers()['set-cookie'] ?? []) assert.notMatch(cookie, /;\s*Secure/i)

    // The test client connects from 127.0.0.1, a trusted proxy (config/app.ts).
    const proxied = await client
      .get('/login')
      .forTenant(tenant.slug)
      .header('X-Forwarded-Proto', 'https')
    const cookies = proxied.headers()['set-cookie'] ?? []
    assert.isAbove(cookies.length, 0)
    for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i)
  })

  test('a tenant admin sets the session limits; nonsense is refused and nothing is stored', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const put = (form: Record<string, unknown>) =>
      client
        .put('/admin/portal/sessions')
        .forTenant(tenant.slug)
        .loginAs(admin)
        .withCsrfToken()
        .json(form)
        .redirects(0)

    const bad = await put({ sessionIdleMinutes: 600, sessionMaxHours: 1 })
    const errors = bad.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.sessionIdleMinutes, ['The idle limit must be between 5 and 480.'])
    const backwards = await put({ sessionIdleMinutes: 120, sessionMaxHours: 1 })
    assert.deepEqual(
      (backwards.flashMessages().inputErrorsBag as Record<string, string[]>).sessionMaxHours,
      ['The total length cannot be shorter than the idle limit.']
    )
    await tenant.refresh()
    assert.deepEqual([tenant.sessionIdleMinutes, tenant.sessionMaxHours], [30, 12])

    const ok = await put({ sessionIdleMinutes: 15, sessionMaxHours: 8 })
    ok.assertFlashMessage('success', 'Settings saved.')
    await tenant.refresh()
    assert.deepEqual([tenant.sessionIdleMinutes, tenant.sessionMaxHours], [15, 8])
  })
})
