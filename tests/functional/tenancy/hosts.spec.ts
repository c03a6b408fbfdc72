/** @spec TEN-1 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'

test.group('Tenancy / hosts', (group) => {
  resetWorld(group)

  test('a tenant answers on <slug>.localhost with its own name', async ({ client }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const response = await client.get('/login').forTenant(tenant.slug).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/login')
    response.assertInertiaPropsContains({ tenant: { slug: tenant.slug, name: 'Lessor One' } })
  })

  test('an unknown host answers 404 with a page that says so', async ({ client, assert }) => {
    const response = await client
      .get('/login')
      .header('Host', 'nobody.localhost:3334')
      .header('Accept-Language', 'fr')
    response.assertStatus(404)
    assert.include(response.text(), 'Aucun portail à cette adresse')

    const json = await client
      .get('/login')
      .header('Host', 'nobody.localhost:3334')
      .header('Accept', 'application/json')
    json.assertStatus(404)
    json.assertBodyContains({ code: 'E_UNKNOWN_TENANT' })
  })

  test('a tenant also answers on its custom host', async ({ client }) => {
    const tenant = await TenantFactory.merge({ customHost: 'portal.lessor.example' }).create()
    const response = await client
      .get('/login')
      .header('Host', 'portal.lessor.example')
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaPropsContains({ tenant: { slug: tenant.slug } })
  })

  test('a user of tenant A cannot log in on tenant B', async ({ client }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    await UserFactory.for(a).merge({ email: 'anna@example.com' }).create()

    const onB = await client
      .post('/login')
      .forTenant(b.slug)
      .withCsrfToken()
      .form({ email: 'anna@example.com', password: PASSWORD })
      .redirects(0)
    onB.assertStatus(302)
    onB.assertFlashMessage('error', 'The e-mail address or the password is not correct.')

    const onA = await client
      .post('/login')
      .forTenant(a.slug)
      .withCsrfToken()
      .form({ email: 'anna@example.com', password: PASSWORD })
      .redirects(0)
    onA.assertStatus(302)
    onA.assertHeader('location', '/account/two-step/offer')
  })

  test('a session of tenant A is not a session on tenant B', async ({ client }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    const anna = await UserFactory.for(a).create()

    const home = await client.get('/').forTenant(b.slug).loginAs(anna).redirects(0)
    home.assertStatus(302)
    home.assertHeader('location', '/login')
  })

  test('the same e-mail can exist once per tenant', async ({ assert }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    await UserFactory.for(a).merge({ email: 'same@example.com' }).create()
    await UserFactory.for(b).merge({ email: 'same@example.com' }).create()
    await assert.rejects(() => UserFactory.for(a).merge({ email: 'same@example.com' }).create())
  })
})
