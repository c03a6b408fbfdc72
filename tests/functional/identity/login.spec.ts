/** @spec IAM-1 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantContext } from '#tenancy/tenant_context'
import { fieldErrors, tenantUrl } from '#tests/support/api_client_macros'
import { maildev } from '#tests/support/maildev'

test.group('Identity / login', (group) => {
  resetWorld(group)

  test('an active user logs in and lands on the portal home', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant)
      .merge({ email: 'chris@example.com', firstName: 'Chris' })
      .create()

    const login = await client
      .post('/login')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: '  Chris@Example.com ', password: PASSWORD })
      .redirects(0)
    login.assertStatus(302)
    // Not enrolled in two-step verification yet: it is offered first (IAM-2).
    login.assertHeader('location', '/account/two-step/offer')

    const home = await client.get('/').forTenant(tenant.slug).loginAs(user).withInertia()
    home.assertStatus(200)
    home.assertInertiaComponent('portal/home')
    home.assertInertiaPropsContains({ user: { email: 'chris@example.com', firstName: 'Chris' } })
  })

  test('a wrong password is refused with a message in the browser language', async ({ client }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'chris@example.com' }).create()

    const response = await client
      .post('/login')
      .forTenant(tenant.slug)
      .header('Accept-Language', 'nl-BE,nl;q=0.9')
      .withCsrfToken()
      .form({ email: 'chris@example.com', password: 'wrong-password' })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', 'Het e-mailadres of het wachtwoord is niet juist.')
  })

  test('an unknown address gets the same answer as a wrong password', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const response = await client
      .post('/login')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: 'nobody@example.com', password: 'whatever-password' })
      .redirects(0)
    response.assertFlashMessage('error', 'The e-mail address or the password is not correct.')
  })

  test('malformed and oversized input is refused field by field, in French', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'fr' }).create()
    const response = await client
      .post('/login')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: `${'a'.repeat(250)}@example.com`, password: 'x'.repeat(200) })
      .redirects(0)
    response.assertStatus(302)
    const errors = fieldErrors(response)
    assert.deepEqual(errors.email, ["L'adresse e-mail ne peut pas dépasser 254 caractères."])
    assert.deepEqual(errors.password, ['Le mot de passe ne peut pas dépasser 128 caractères.'])

    const malformed = await client
      .post('/login')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: 'not-an-email', password: 'x' })
      .redirects(0)
    assert.deepEqual(fieldErrors(malformed).email, [
      "L'adresse e-mail n'est pas une adresse e-mail valable.",
    ])
  })

  test('a form posted without the CSRF token does nothing and says so', async ({ client }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'chris@example.com' }).create()
    const response = await client
      .post('/login')
      .forTenant(tenant.slug)
      .header('Referer', tenantUrl(tenant.slug, '/login'))
      .form({ email: 'chris@example.com', password: PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', tenantUrl(tenant.slug, '/login'))
    response.assertFlashMessage(
      'error',
      'This page had expired, so nothing was saved. Please try again.'
    )

    const json = await client
      .post('/login')
      .forTenant(tenant.slug)
      .header('Accept', 'application/json')
      .json({ email: 'chris@example.com', password: PASSWORD })
    json.assertStatus(403)
    json.assertBodyContains({ code: 'E_BAD_CSRF_TOKEN' })
  })

  test('10 wrong passwords for one account, from any number of addresses, lock it; its owner unlocks it by e-mail', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'chris@example.com', firstName: 'Chris' }).create()
    const attempt = (password: string, from: string, email = 'chris@example.com') =>
      client
        .post('/login')
        .forTenant(tenant.slug)
        .header('Referer', tenantUrl(tenant.slug, '/login'))
        // The test client is a trusted proxy (127.0.0.1): the address is the one it forwards.
        .header('X-Forwarded-For', from)
        .withCsrfToken()
        .form({ email, password })
        .redirects(0)

    for (let i = 0; i < 10; i++) {
      const wrong = await attempt(`wrong-password-${i}`, `203.0.113.${i + 1}`)
      wrong.assertFlashMessage('error', 'The e-mail address or the password is not correct.')
    }
    const right = await attempt(PASSWORD, '198.51.100.77')
    right.assertHeader('location', tenantUrl(tenant.slug, '/login'))
    assert.match(
      String(right.flashMessages().error),
      /^Too many attempts\. Try again in 1[45] minutes\. After repeated wrong passwords/
    )
    // An address nobody uses gets the same lock and the same words (nothing to enumerate).
    for (let i = 0; i < 10; i++)
      await attempt(`guess-${i}`, `203.0.113.${i + 1}`, 'nobody@example.com')
    const unknown = await attempt(PASSWORD, '198.51.100.77', 'nobody@example.com')
    assert.equal(unknown.flashMessages().error, right.flashMessages().error)

    // The owner gets one e-mail with a link that unlocks the account at once.
    const mails = await maildev.waitFor('chris@example.com')
    assert.lengthOf(mails, 1)
    assert.equal(
      mails[0].subject,
      `Your account on the ${tenant.name} portal is locked for a while`
    )
    const unlock = new URL(maildev.link(mails[0], '/login/unlock/'))
    const tampered = await client
      .get(unlock.pathname + unlock.search.replace(/signature=./, 'signature=x'))
      .forTenant(tenant.slug)
      .redirects(0)
    tampered.assertFlashMessage(
      'error',
      'This unlock link is no longer valid. Wait a few minutes, or choose a new password with Forgot password.'
    )
    const unlocked = await client
      .get(unlock.pathname + unlock.search)
      .forTenant(tenant.slug)
      .redirects(0)
    unlocked.assertFlashMessage(
      'success',
      'Your account is unlocked. Log in, or choose a new password if you are not sure of it.'
    )
    const again = await attempt(PASSWORD, '198.51.100.77')
    again.assertHeader('location', '/account/two-step/offer')
    assert.lengthOf(await maildev.sentTo('nobody@example.com'), 0)
  }).timeout(30_000)

  test("an address's count of wrong passwords is not reset by a login to the attacker's own account", async ({
    client,
  }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'attacker@example.com' }).create()
    await UserFactory.for(tenant).merge({ email: 'victim@example.com' }).create()
    const from = (email: string, password: string) =>
      client
        .post('/login')
        .forTenant(tenant.slug)
        .header('Referer', tenantUrl(tenant.slug, '/login'))
        .header('X-Forwarded-For', '203.0.113.50')
        .withCsrfToken()
        .form({ email, password })
        .redirects(0)

    // 25 guesses over many accounts (never 10 on one), then a success on the attacker's own.
    for (let i = 0; i < 25; i++) await from(`user${i % 5}@example.com`, `guess-${i}`)
    const own = await from('attacker@example.com', PASSWORD)
    own.assertHeader('location', '/account/two-step/offer')
    for (let i = 25; i < 30; i++) await from(`user${i % 5}@example.com`, `guess-${i}`)

    // 30 failures from this address: even a right password is refused from it now.
    const blocked = await from('victim@example.com', PASSWORD)
    blocked.assertHeader('location', tenantUrl(tenant.slug, '/login'))
    blocked.assertFlashMessage(
      'error',
      "Too many attempts. Try again in 15 minutes. After repeated wrong passwords, the account's owner gets an e-mail with a link that unlocks it at once."
    )
    // The victim, from their own address, is not affected.
    const victim = await client
      .post('/login')
      .forTenant(tenant.slug)
      .header('X-Forwarded-For', '198.51.100.9')
      .withCsrfToken()
      .form({ email: 'victim@example.com', password: PASSWORD })
      .redirects(0)
    victim.assertHeader('location', '/account/two-step/offer')
  }).timeout(30_000)

  test('choosing a new password by e-mail lifts a lock', async ({ client }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'chris@example.com' }).create()
    const login = (password: string) =>
      client
        .post('/login')
        .forTenant(tenant.slug)
        .withCsrfToken()
        .form({ email: 'chris@example.com', password })
        .redirects(0)
    for (let i = 0; i < 10; i++) await login(`wrong-${i}`)
    await client
      .post('/forgot-password')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: 'chris@example.com' })
    const mails = await maildev.waitFor('chris@example.com', { count: 2 })
    const reset = mails.find((mail) => mail.html.includes('/reset-password/'))!
    await client
      .post(new URL(maildev.link(reset, '/reset-password/')).pathname)
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ password: 'a-new-long-password', passwordConfirmation: 'a-new-long-password' })
    const after = await login('a-new-long-password')
    after.assertHeader('location', '/account/two-step/offer')
  }).timeout(30_000)

  test('blocked and not yet activated accounts cannot log in', async ({ client }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).apply('blocked').merge({ email: 'blocked@example.com' }).create()
    await UserFactory.for(tenant).apply('invited').merge({ email: 'invited@example.com' }).create()
    for (const email of ['blocked@example.com', 'invited@example.com']) {
      const response = await client
        .post('/login')
        .forTenant(tenant.slug)
        .withCsrfToken()
        .form({ email, password: PASSWORD })
        .redirects(0)
      response.assertFlashMessage('error', 'The e-mail address or the password is not correct.')
    }
  })

  test('a blocked user loses the open session on the next request', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    user.status = 'blocked'
    await user.save()
    const response = await client.get('/').forTenant(tenant.slug).loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('logout ends the session', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const response = await client
      .post('/logout')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertFlashMessage('success', 'You are logged out.')
  })

  test('the language switch is remembered on the account', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ locale: 'en' }).create()
    await client
      .post('/locale')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withCsrfToken()
      .form({ locale: 'fr' })
      .redirects(0)
    await tenantContext.run(tenant.id, () => user.refresh())
    assert.equal(user.locale, 'fr')

    const home = await client.get('/').forTenant(tenant.slug).loginAs(user).withInertia()
    home.assertInertiaPropsContains({ locale: 'fr' })
  })
})
