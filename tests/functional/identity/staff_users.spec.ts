/** @spec IAM-10 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import type Tenant from '#models/tenant'
import ActivityEvent from '#models/activity_event'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { enrol } from '#tests/support/two_step'

function act(client: ApiClient, tenant: Tenant, staff: User, path: string) {
  return client.post(path).forTenant(tenant.slug).loginAs(staff).withCsrfToken().redirects(0)
}

async function stored(tenant: Tenant, user: User) {
  return tenantContext.run(tenant.id, () => User.findOrFail(user.id))
}

async function statusOf(tenant: Tenant, user: User) {
  const fresh = await stored(tenant, user)
  return fresh.status
}

test.group('Identity / staff manage portal users (IAM-10)', (group) => {
  resetWorld(group)

  test('a blocked user is refused on the next request of an open session, and can be unblocked', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).merge({ email: 'blocked@example.com' }).create()

    const before = await client.get('/').forTenant(tenant.slug).loginAs(customer).redirects(0)
    before.assertStatus(200)

    const blocked = await act(client, tenant, staff, `/admin/users/${customer.id}/block`)
    blocked.assertFlashMessage(
      'success',
      'blocked@example.com is blocked; open sessions end at once.'
    )

    const after = await client.get('/').forTenant(tenant.slug).loginAs(customer).redirects(0)
    after.assertHeader('location', '/login')
    after.assertFlashMessage('error', 'Your session has ended. Please log in again.')

    await act(client, tenant, staff, `/admin/users/${customer.id}/unblock`)
    assert.equal(await statusOf(tenant, customer), 'active')
    const types = await tenantContext.run(tenant.id, () =>
      ActivityEvent.query().where('target_user_id', customer.id).orderBy('id')
    )
    assert.deepEqual(
      types.map((event) => [event.type, event.actorId]),
      [
        ['user.blocked', staff.id],
        ['user.unblocked', staff.id],
      ]
    )
  })

  test('resetting the portal account removes password and two-step and sends a new invitation', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).merge({ email: 'reset.me@example.com' }).create()
    await enrol(tenant, customer)

    const response = await act(client, tenant, staff, `/admin/users/${customer.id}/reset-account`)
    response.assertFlashMessage(
      'success',
      'The portal account of reset.me@example.com was reset and a new invitation sent.'
    )
    const after = await stored(tenant, customer)
    assert.equal(after.status, 'invited')
    assert.isNull(after.password)
    assert.isNull(after.totpEnabledAt)
    const [mail] = await maildev.waitFor('reset.me@example.com')
    assert.equal(mail.subject, 'Your invitation to the Lessor One portal')
  })

  test('staff send a password reset; the list searches; staff accounts are out of reach', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const colleague = await UserFactory.for(tenant).apply('admin').create()
    await UserFactory.for(tenant)
      .merge({ email: 'anna.peeters@example.com', firstName: 'Anna' })
      .create()
    const ben = await UserFactory.for(tenant)
      .merge({ email: 'ben@example.com', firstName: 'Ben' })
      .create()

    const sent = await act(client, tenant, staff, `/admin/users/${ben.id}/reset-password`)
    sent.assertFlashMessage(
      'success',
      'A link to choose a new password was sent to ben@example.com.'
    )
    await maildev.waitFor('ben@example.com')

    const found = await client
      .get('/admin/users?q=PEETERS')
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withInertia()
    assert.deepEqual(
      (found.inertiaProps as { users: { email: string }[] }).users.map((user) => user.email),
      ['anna.peeters@example.com']
    )

    const onStaff = await act(client, tenant, staff, `/admin/users/${colleague.id}/block`)
    onStaff.assertStatus(403)
    assert.equal(await statusOf(tenant, colleague), 'active')

    const other = await TenantFactory.create()
    const elsewhere = await UserFactory.for(other).create()
    const crossTenant = await act(client, tenant, staff, `/admin/users/${elsewhere.id}/block`)
    crossTenant.assertStatus(404)
  })
})
