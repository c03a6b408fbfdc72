/** @spec IAM-5 IAM-6 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'
import { enrol } from '#tests/support/two_step'

function post(client: ApiClient, tenant: Tenant, url: string, form: Record<string, string> = {}) {
  return client.post(url).forTenant(tenant.slug).withCsrfToken().form(form).redirects(0)
}

async function reload(tenant: Tenant, user: User) {
  return tenantContext.run(tenant.id, () => User.findOrFail(user.id))
}

/** One column of the user as stored now. */
async function fieldOf<K extends keyof User>(tenant: Tenant, user: User, key: K): Promise<User[K]> {
  const fresh = await reload(tenant, user)
  return fresh[key]
}

test.group('Identity / profile and recovery options', (group) => {
  resetWorld(group)

  test('first login asks for first and last name before the portal opens', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ firstName: null, lastName: null }).create()

    const home = await client.get('/').forTenant(tenant.slug).loginAs(user).redirects(0)
    home.assertHeader('location', '/account/profile')

    const form = await client
      .get('/account/profile')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withInertia()
    form.assertInertiaPropsContains({ completing: true })

    const empty = await post(client, tenant, '/account/profile', {
      firstName: ' ',
      lastName: '',
      locale: 'en',
    })
      .loginAs(user)
      .header('Referer', '/account/profile')
    assert.containsSubset(fieldErrors(empty), { firstName: ['The first name is required.'] })

    const saved = await post(client, tenant, '/account/profile', {
      firstName: 'Eva',
      lastName: 'Peeters',
      locale: 'nl',
    })
      .loginAs(user)
      .withSession({ redirect_to: '/' })
    saved.assertHeader('location', '/')
    saved.assertFlashMessage('success', 'Uw profiel werd opgeslagen.')
    const after = await reload(tenant, user)
    assert.deepEqual([after.firstName, after.lastName, after.locale], ['Eva', 'Peeters', 'nl'])
  })

  test('changing the password needs the old one and ends the other sessions', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()

    const wrong = await post(client, tenant, '/account/password', {
      currentPassword: 'nope-nope-nope',
      password: 'a-brand-new-password',
      passwordConfirmation: 'a-brand-new-password',
    }).loginAs(user)
    assert.deepEqual(fieldErrors(wrong).currentPassword, ['The password is not correct.'])

    const mismatch = await post(client, tenant, '/account/password', {
      currentPassword: PASSWORD,
      password: 'a-brand-new-password',
      passwordConfirmation: 'something-else-entirely',
    }).loginAs(user)
    assert.deepEqual(fieldErrors(mismatch).passwordConfirmation, [
      'The two passwords are not the same.',
    ])

    // Another browser logged in before the change.
    const elsewhere = await client.get('/').forTenant(tenant.slug).loginAs(user).redirects(0)
    elsewhere.assertStatus(200)
    const otherBrowser = elsewhere.session()

    const changed = await post(client, tenant, '/account/password', {
      currentPassword: PASSWORD,
      password: 'a-brand-new-password',
      passwordConfirmation: 'a-brand-new-password',
    }).loginAs(user)
    changed.assertFlashMessage(
      'success',
      'Your password has been changed. Other sessions of your account have ended.'
    )
    assert.isNotNull(
      await tenantContext.run(tenant.id, () =>
        User.verifyCredentials(user.email, 'a-brand-new-password')
      )
    )
    // The owner is told by e-mail.
    const [notice] = await maildev.waitFor(user.email)
    assert.match(notice.subject, /^Your password was changed on the .+ portal$/)
    // The browser that changed it stays logged in.
    const same = await client
      .get('/')
      .forTenant(tenant.slug)
      .withSession(changed.session())
      .redirects(0)
    same.assertStatus(200)

    // The other one is refused on its next request.
    const other = await client
      .get('/')
      .forTenant(tenant.slug)
      .withSession(otherBrowser)
      .redirects(0)
    other.assertHeader('location', '/login')
  })

  test('a new password known from breaches or easy to guess is refused, without composition rules', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'jan.peeters@example.com' }).create()
    for (const weak of [
      'password1234',
      'Password123!',
      'aaaaaaaaaaaa',
      'qwertyuiop12',
      'welkom123456',
    ]) {
      const refused = await post(client, tenant, '/account/password', {
        currentPassword: PASSWORD,
        password: weak,
        passwordConfirmation: weak,
      }).loginAs(user)
      assert.deepEqual(
        fieldErrors(refused).password,
        [
          'This password is too easy to guess: it is known from data breaches, or made of common words, names, repetitions or sequences. A few unrelated words make a strong password that is easy to remember.',
        ],
        weak
      )
    }
    // Words, no digits or symbols asked for: accepted.
    const strong = await post(client, tenant, '/account/password', {
      currentPassword: PASSWORD,
      password: 'lantern orchard velvet',
      passwordConfirmation: 'lantern orchard velvet',
    }).loginAs(user)
    assert.isUndefined(fieldErrors(strong).password)
    assert.isNotNull(
      await tenantContext.run(tenant.id, () =>
        User.verifyCredentials(user.email, 'lantern orchard velvet')
      )
    )
  })

  test('an open session cannot be used to guess the password', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    for (let attempt = 1; attempt <= 10; attempt++) {
      await post(client, tenant, '/account/email', {
        email: 'elsewhere@example.com',
        currentPassword: `guess-number-${attempt}`,
      }).loginAs(user)
    }
    const locked = await post(client, tenant, '/account/password', {
      currentPassword: PASSWORD,
      password: 'a-brand-new-password',
      passwordConfirmation: 'a-brand-new-password',
    }).loginAs(user)
    assert.match(
      locked.flashMessages().error as string,
      /^Too many attempts\. Try again in 1[45] minutes\.$/
    )
    assert.isNotNull(
      await tenantContext.run(tenant.id, () => User.verifyCredentials(user.email, PASSWORD))
    )
  })

  test('the main e-mail changes only when the link sent to the new address is followed', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const user = await UserFactory.for(tenant).merge({ email: 'old@example.com' }).create()
    await UserFactory.for(tenant).merge({ email: 'taken@example.com' }).create()

    const badPassword = await post(client, tenant, '/account/email', {
      email: 'new@example.com',
      currentPassword: 'wrong-password-here',
    }).loginAs(user)
    assert.deepEqual(fieldErrors(badPassword).currentPassword, ['The password is not correct.'])

    // An address somebody else uses gets the same answer and no e-mail.
    const taken = await post(client, tenant, '/account/email', {
      email: 'taken@example.com',
      currentPassword: PASSWORD,
    }).loginAs(user)
    taken.assertFlashMessage(
      'success',
      'We sent a confirmation link to taken@example.com. Your login address changes when you follow it.'
    )

    const asked = await post(client, tenant, '/account/email', {
      email: 'New@Example.com',
      currentPassword: PASSWORD,
    }).loginAs(user)
    asked.assertHeader('location', '/account/security')
    assert.equal(await fieldOf(tenant, user, 'email'), 'old@example.com')

    const [mail] = await maildev.waitFor('new@example.com')
    assert.equal(mail.subject, 'Confirm your new e-mail address for the Lessor One portal')
    assert.lengthOf(await maildev.sentTo('taken@example.com'), 0)
    const link = new URL(maildev.link(mail, '/confirm-email/'))

    const confirmed = await client.get(link.pathname).forTenant(tenant.slug).redirects(0)
    confirmed.assertFlashMessage('success', 'Your login address is now new@example.com.')
    assert.equal(await fieldOf(tenant, user, 'email'), 'new@example.com')
    // The old address is told, with what to do if it was not its owner.
    const [notice] = await maildev.waitFor('old@example.com')
    assert.equal(notice.subject, 'Your login e-mail address was changed on the Lessor One portal')
    assert.include(notice.text, 'new@example.com')
    assert.include(notice.html, '/forgot-password')

    const again = await client.get(link.pathname).forTenant(tenant.slug).redirects(0)
    again.assertFlashMessage(
      'error',
      'This link is no longer valid: it was already used, it expired or the address is taken.'
    )
  })

  test('forgot password works with the verified backup e-mail', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant)
      .merge({ email: 'main@example.com', locale: 'nl' })
      .create()
    await enrol(tenant, user, 'backup@example.com')
    const unverified = await UserFactory.for(tenant).merge({ email: 'other@example.com' }).create()
    await tenantContext.run(tenant.id, async () => {
      unverified.recoveryEmail = 'unverified@example.com'
      await unverified.save()
    })

    await post(client, tenant, '/forgot-password', { email: 'backup@example.com' })
    await post(client, tenant, '/forgot-password', { email: 'unverified@example.com' })
    const [mail] = await maildev.waitFor('backup@example.com')
    assert.include(mail.text, 'main@example.com')
    const link = new URL(maildev.link(mail, '/reset-password/'))

    const reset = await post(client, tenant, link.pathname, {
      password: 'fresh-password-123',
      passwordConfirmation: 'fresh-password-123',
    })
    reset.assertHeader('location', '/login')
    assert.isNotNull(
      await tenantContext.run(tenant.id, () =>
        User.verifyCredentials('main@example.com', 'fresh-password-123')
      )
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.lengthOf(await maildev.sentTo('unverified@example.com'), 0)
  })
})
