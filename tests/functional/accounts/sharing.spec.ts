/** @spec ACC-2 ACC-3 ACC-4 IAM-11 */
import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import CustomerNumberShare from '#models/customer_number_share'
import CustomerNumber from '#models/customer_number'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'
import { addNumber, createCustomer } from '#tests/support/accounts'

function send(request: ApiRequest, form: Record<string, unknown> = {}) {
  return request.withCsrfToken().form(form).redirects(0)
}

async function numbersSeenBy(client: ApiClient, tenant: Tenant, user: User): Promise<string[]> {
  const page = await client
    .get('/customer-numbers')
    .forTenant(tenant.slug)
    .loginAs(user)
    .withInertia()
  const props = page.inertiaProps as { numbers: { number: string }[] }
  return props.numbers.map((row) => row.number)
}

async function sharedList(client: ApiClient, tenant: Tenant, owner: User) {
  const page = await client.get('/shared-users').forTenant(tenant.slug).loginAs(owner).withInertia()
  const props = page.inertiaProps as { users: { email: string; numberIds: number[] }[] }
  return props.users.map((person) => ({ email: person.email, numberIds: person.numberIds }))
}

test.group('Accounts / sharing customer numbers', (group) => {
  resetWorld(group)

  test('a shared user sees exactly the ticked numbers; a new number stays hidden until ticked', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).merge({ email: 'main@lease.example' }).create()
    const accountant = await UserFactory.for(tenant).merge({ email: 'acc@books.example' }).create()
    const { customer, numbers } = await createCustomer(
      tenant,
      'Lease One',
      ['DL2000001', 'DL2000002'],
      main
    )

    const shared = await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(main), {
      email: 'acc@books.example',
      numberIds: [numbers[0].id],
    })
    shared.assertHeader('location', '/shared-users')
    assert.deepEqual(await numbersSeenBy(client, tenant, accountant), ['DL2000001'])
    assert.deepEqual(await numbersSeenBy(client, tenant, main), ['DL2000001', 'DL2000002'])

    const added = await addNumber(tenant, customer, 'DL5000003', main)
    assert.deepEqual(await numbersSeenBy(client, tenant, main), [
      'DL2000001',
      'DL2000002',
      'DL5000003',
    ])
    assert.deepEqual(await numbersSeenBy(client, tenant, accountant), ['DL2000001'])

    await send(client.put(`/shared-users/${accountant.id}`).forTenant(tenant.slug).loginAs(main), {
      numberIds: [numbers[0].id, added.id],
    })
    assert.deepEqual(await numbersSeenBy(client, tenant, accountant), ['DL2000001', 'DL5000003'])

    await send(
      client.put(`/shared-users/${accountant.id}`).forTenant(tenant.slug).loginAs(main),
      {}
    )
    assert.deepEqual(await numbersSeenBy(client, tenant, accountant), [])
    // Still listed as a shared user, with nothing ticked.
    assert.deepEqual(await sharedList(client, tenant, main), [
      { email: 'acc@books.example', numberIds: [] },
    ])
  })

  test('one login sees the numbers of several customers (IAM-11)', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const person = await UserFactory.for(tenant).create()
    await createCustomer(tenant, 'Parent NV', ['DL2000010'], person)
    await createCustomer(tenant, 'Daughter BV', ['DL2000020'], person)
    const home = await client.get('/').forTenant(tenant.slug).loginAs(person).withInertia()
    const rows = (home.inertiaProps as { customerNumbers: { number: string; customer: string }[] })
      .customerNumbers
    assert.deepEqual(
      rows.map((row) => `${row.number} ${row.customer}`),
      ['DL2000010 Parent NV', 'DL2000020 Daughter BV']
    )
  })

  test('only a main contact manages sharing, and only for their own numbers', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const otherMain = await UserFactory.for(tenant).create()
    const plain = await UserFactory.for(tenant).create()
    const mine = await createCustomer(tenant, 'Mine', ['DL2000100'], main)
    const theirs = await createCustomer(tenant, 'Theirs', ['DL2000200'], otherMain)
    await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(otherMain), {
      email: plain.email,
      numberIds: [theirs.numbers[0].id],
    })

    const notMain = await client.get('/shared-users').forTenant(tenant.slug).loginAs(plain)
    notMain.assertStatus(403)

    const foreign = await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(main), {
      email: 'new.person@example.com',
      numberIds: [mine.numbers[0].id, theirs.numbers[0].id],
    })
    assert.deepEqual(fieldErrors(foreign).numberIds, [
      'You can only share customer numbers of which you are the main contact.',
    ])
    assert.isNull(
      await tenantContext.run(tenant.id, () => User.findBy('email', 'new.person@example.com'))
    )

    // Another main contact's shared user is invisible: 404, nothing changes.
    const edit = await send(
      client.put(`/shared-users/${plain.id}`).forTenant(tenant.slug).loginAs(main),
      {
        numberIds: [mine.numbers[0].id],
      }
    )
    edit.assertStatus(404)
    const remove = await send(
      client.delete(`/shared-users/${plain.id}`).forTenant(tenant.slug).loginAs(main)
    )
    remove.assertStatus(404)
    assert.deepEqual(await numbersSeenBy(client, tenant, plain), ['DL2000200'])
  })

  test('a new address for a shared user: the new one is invited, the old one loses access', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const main = await UserFactory.for(tenant).create()
    const old = await UserFactory.for(tenant).merge({ email: 'old.colleague@example.com' }).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000300', 'DL2000301'], main)
    await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(main), {
      email: old.email,
      numberIds: [numbers[1].id],
    })

    const changed = await send(
      client.put(`/shared-users/${old.id}/email`).forTenant(tenant.slug).loginAs(main),
      { email: 'new.colleague@example.com' }
    )
    changed.assertHeader('location', '/shared-users')
    const [mail] = await maildev.waitFor('new.colleague@example.com')
    assert.equal(mail.subject, 'Your invitation to the Lessor One portal')
    assert.deepEqual(await numbersSeenBy(client, tenant, old), [])
    const fresh = await tenantContext.run(tenant.id, () =>
      User.findByOrFail('email', 'new.colleague@example.com')
    )
    const shares = await tenantContext.run(tenant.id, () =>
      CustomerNumberShare.query().where('user_id', fresh.id)
    )
    assert.deepEqual(
      shares.map((share) => share.customerNumberId),
      [numbers[1].id]
    )
    assert.deepEqual(await sharedList(client, tenant, main), [
      { email: 'new.colleague@example.com', numberIds: [numbers[1].id] },
    ])
  })

  test('the main contact hands the role over and keeps seeing the number', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const successor = await UserFactory.for(tenant)
      .merge({ email: 'successor@example.com' })
      .create()
    const colleague = await UserFactory.for(tenant)
      .merge({ email: 'colleague@example.com' })
      .create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000400'], main)
    await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(main), {
      email: colleague.email,
      numberIds: [numbers[0].id],
    })

    const handed = await send(
      client
        .post(`/customer-numbers/${numbers[0].id}/hand-over`)
        .forTenant(tenant.slug)
        .loginAs(main),
      { email: 'successor@example.com' }
    )
    handed.assertHeader('location', '/customer-numbers')
    const number = await tenantContext.run(tenant.id, () =>
      CustomerNumber.findOrFail(numbers[0].id)
    )
    assert.equal(number.mainContactId, successor.id)

    assert.sameDeepMembers(await sharedList(client, tenant, successor), [
      { email: main.email, numberIds: [numbers[0].id] },
      { email: 'colleague@example.com', numberIds: [numbers[0].id] },
    ])
    const former = await client.get('/shared-users').forTenant(tenant.slug).loginAs(main)
    former.assertStatus(403)
    assert.deepEqual(await numbersSeenBy(client, tenant, main), ['DL2000400'])
  })

  test('past the seat limit, inviting one more customer login is refused and nothing is stored', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ seatLimit: 2 }).create()
    const main = await UserFactory.for(tenant).create()
    await UserFactory.for(tenant).create()
    await createCustomer(tenant, 'Lease One', ['DL2000500'], main)

    const refused = await send(client.post('/shared-users').forTenant(tenant.slug).loginAs(main), {
      email: 'third@example.com',
    })
    assert.deepEqual(fieldErrors(refused).email, [
      'The licence includes 2 customer logins and all are in use. Remove an account or extend the licence first.',
    ])
    assert.isNull(
      await tenantContext.run(tenant.id, () => User.findBy('email', 'third@example.com'))
    )
  })
})
