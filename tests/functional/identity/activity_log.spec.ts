/** @spec TEN-9 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'

test.group('Identity / activity log', (group) => {
  resetWorld(group)

  test('logins and failures are logged with IP; a user sees only their own account', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const ann = await UserFactory.for(tenant)
      .merge({ email: 'ann@example.com', firstName: 'Ann', lastName: 'A' })
      .create()
    const bob = await UserFactory.for(tenant)
      .merge({ email: 'bob@example.com', firstName: 'Bob', lastName: 'B' })
      .create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const outsider = await UserFactory.for(other).merge({ email: 'ann@example.com' }).create()

    const login = (email: string, password: string, slug = tenant.slug) =>
      client.post('/login').forTenant(slug).withCsrfToken().form({ email, password }).redirects(0)
    await login('ann@example.com', PASSWORD)
    await login('bob@example.com', 'wrong-password')
    await login('ann@example.com', PASSWORD, other.slug)

    const own = await client
      .get('/account/activity')
      .forTenant(tenant.slug)
      .loginAs(ann)
      .withInertia()
    const ownEvents = (
      own.inertiaProps as { events: { type: string; actor: string; ip: string }[] }
    ).events
    assert.deepEqual(
      ownEvents.map((event) => [event.type, event.actor]),
      [['login.succeeded', 'Ann A']]
    )
    assert.isString(ownEvents[0].ip)

    const bobs = await client
      .get('/account/activity')
      .forTenant(tenant.slug)
      .loginAs(bob)
      .withInertia()
    assert.lengthOf((bobs.inertiaProps as { events: unknown[] }).events, 0)

    const tenantLog = await client
      .get('/admin/activity')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const types = (tenantLog.inertiaProps as { events: { type: string; email: string | null }[] })
      .events
    assert.sameMembers(
      types.map((event) => `${event.type} ${event.email ?? ''}`.trim()),
      ['login.succeeded', 'login.failed bob@example.com']
    )

    const aboutBob = await client
      .get('/admin/activity?email=bob@example.com')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    assert.deepEqual(
      (aboutBob.inertiaProps as { events: { type: string }[] }).events.map((event) => event.type),
      ['login.failed']
    )

    const denied = await client.get('/admin/activity').forTenant(tenant.slug).loginAs(ann)
    denied.assertStatus(403)
    const otherTenant = await client
      .get('/admin/activity')
      .forTenant(tenant.slug)
      .loginAs(outsider)
      .redirects(0)
    otherTenant.assertHeader('location', '/login')
  })

  test('staff see the events of one customer: shares granted and revoked', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const main = await UserFactory.for(tenant).create()
    const other = await UserFactory.for(tenant).create()
    const friend = await UserFactory.for(tenant).merge({ email: 'friend@example.com' }).create()
    const mine = await createCustomer(tenant, 'Mine', ['DL2000900'], main)
    const theirs = await createCustomer(tenant, 'Theirs', ['DL2000901'], other)
    for (const [owner, number] of [
      [main, mine.numbers[0]],
      [other, theirs.numbers[0]],
    ] as const) {
      await client
        .post('/shared-users')
        .forTenant(tenant.slug)
        .loginAs(owner)
        .withCsrfToken()
        .form({ email: friend.email, numberIds: [number.id] })
    }

    const page = await client
      .get(`/admin/activity?customer=${mine.customer.id}`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    const props = page.inertiaProps as {
      events: { type: string; actor: string; target: string }[]
      customer: { name: string }
    }
    assert.equal(props.customer.name, 'Mine')
    assert.deepEqual(
      props.events.map((event) => [event.type, event.target]),
      [['share.granted', 'Test User']]
    )
  })
})
