/** @spec TEN-1 */
import { test } from '@japa/runner'
import { truncateAll } from '#tests/support/database'
import { createTenant, createUser, PASSWORD } from '#tests/support/factories'

test.group('Tenancy / hosts', (group) => {
  group.each.setup(() => truncateAll())

  test('a tenant answers on <slug>.localhost with its own name', async ({ client }) => {
    const tenant = await createTenant({ name: 'Lessor One' })
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
    const tenant = await createTenant({ customHost: 'portal.lessor.example' })
    const response = await client
      .get('/login')
      .header('Host', 'portal.lessor.example')
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaPropsContains({ tenant: { slug: tenant.slug } })
  })

  test('a user of tenant A cannot log in on tenant B', async ({ client }) => {
    const a = await createTenant()
    const b = await createTenant()
    await createUser(a, { email: 'anna@example.com' })

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
    const a = await createTenant()
    const b = await createTenant()
    const anna = await createUser(a)

    const home = await client.get('/').forTenant(b.slug).loginAs(anna).redirects(0)
    home.assertStatus(302)
    home.assertHeader('location', '/login')
  })

  test('the same e-mail can exist once per tenant', async ({ assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    await createUser(a, { email: 'same@example.com' })
    await createUser(b, { email: 'same@example.com' })
    await assert.rejects(() => createUser(a, { email: 'same@example.com' }))
  })
})
