/** @spec IAM-7 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import PasswordResetToken from '#models/password_reset_token'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import type Tenant from '#models/tenant'
import { fieldErrors, tenantUrl } from '#tests/support/api_client_macros'
import type { ApiClient } from '@japa/api-client'
import { CORE_QUEUES, queue } from '#jobs/queues'

function ask(client: ApiClient, tenant: Tenant, email: string) {
  return client
    .post('/forgot-password')
    .forTenant(tenant.slug)
    .withCsrfToken()
    .form({ email })
    .redirects(0)
}

function choose(client: ApiClient, tenant: Tenant, path: string, password: string) {
  return client
    .post(path)
    .forTenant(tenant.slug)
    .withCsrfToken()
    .form({ password, passwordConfirmation: password })
    .redirects(0)
}

async function login(client: ApiClient, tenant: Tenant, email: string, password: string) {
  const response = await client
    .post('/login')
    .forTenant(tenant.slug)
    .header('Referer', tenantUrl(tenant.slug, '/login'))
    .withCsrfToken()
    .form({ email, password })
    .redirects(0)
  // Logged in: on to the two-step offer (not enrolled yet).
  return response.header('location') === '/account/two-step/offer'
}

test.group('Identity / forgot password', (group) => {
  resetWorld(group)

  test('the e-mail arrives in the recipient language and its link works once', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One', defaultLocale: 'en' }).create()
    await UserFactory.for(tenant)
      .merge({ email: 'marie@example.com', locale: 'fr', firstName: 'Marie' })
      .create()

    const response = await ask(client, tenant, 'Marie@Example.com')
    response.assertHeader('location', '/forgot-password')
    response.assertFlashMessage(
      'success',
      'If an account exists for this address, we have sent it a link to choose a new password. Check your inbox.'
    )

    const [mail] = await maildev.waitFor('marie@example.com')
    assert.equal(mail.subject, 'Choisissez un nouveau mot de passe pour le portail de Lessor One')
    assert.include(mail.text, 'Bonjour Marie,')
    const link = new URL(maildev.link(mail, '/reset-password/'))
    assert.equal(link.host, `${tenant.slug}.localhost:3334`)

    const page = await client
      .get(link.pathname)
      .forTenant(tenant.slug)
      .header('Accept-Language', 'en-GB')
      .withInertia()
    page.assertInertiaComponent('auth/reset_password')
    page.assertInertiaPropsContains({ valid: true, locale: 'fr' })

    const done = await choose(client, tenant, link.pathname, 'brand-new-password')
    done.assertHeader('location', '/login')
    done.assertFlashMessage(
      'success',
      'Your password has been changed. Log in with your new password.'
    )
    assert.isTrue(await login(client, tenant, 'marie@example.com', 'brand-new-password'))
    assert.isFalse(await login(client, tenant, 'marie@example.com', PASSWORD))

    const reused = await choose(client, tenant, link.pathname, 'another-new-password')
    reused.assertFlashMessage(
      'error',
      'This link is no longer valid: it was already used or it has expired. Ask for a new one.'
    )
    const pageAgain = await client.get(link.pathname).forTenant(tenant.slug).withInertia()
    pageAgain.assertInertiaPropsContains({ valid: false })
    assert.isTrue(await login(client, tenant, 'marie@example.com', 'brand-new-password'))
  })

  test('an unknown address gets the same answer and no e-mail is sent', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'known@example.com' }).create()

    const unknown = await ask(client, tenant, 'unknown@example.com')
    const known = await ask(client, tenant, 'known@example.com')
    assert.equal(unknown.header('location'), known.header('location'))
    assert.deepEqual(unknown.flashMessages().success, known.flashMessages().success)

    await maildev.waitFor('known@example.com')
    const caught = await maildev.all()
    assert.lengthOf(
      caught.filter((mail) => mail.to.some((to) => to.address === 'unknown@example.com')),
      0
    )
  })

  test('the request is queued as typed: the answer waits for no lookup, Redis holds no readable address', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'known@example.com' }).create()
    const jobs = async () => {
      const all = await queue(CORE_QUEUES.notifications).getJobs()
      return all.filter((job) => job.name === 'password-reset')
    }
    const earlier = await jobs()
    const before = earlier.length
    await ask(client, tenant, 'unknown@example.com')
    await ask(client, tenant, 'known@example.com')
    const queued = await jobs()
    // Both requests took the same path: one job each, known address or not.
    assert.lengthOf(queued, before + 2)
    for (const job of queued) assert.notInclude(JSON.stringify(job.data), '@example.com')
    await maildev.waitFor('known@example.com')
  })

  test('a newer link voids the older ones', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'twice@example.com' }).create()
    await ask(client, tenant, 'twice@example.com')
    const [first] = await maildev.waitFor('twice@example.com')
    await ask(client, tenant, 'twice@example.com')
    const mails = await maildev.waitFor('twice@example.com', { count: 2 })
    const second = mails.find((mail) => mail.id !== first.id)!

    const old = await choose(
      client,
      tenant,
      new URL(maildev.link(first, '/reset-password/')).pathname,
      'an-old-link-password'
    )
    old.assertFlashMessage(
      'error',
      'This link is no longer valid: it was already used or it has expired. Ask for a new one.'
    )
    assert.isFalse(await login(client, tenant, 'twice@example.com', 'an-old-link-password'))

    const fresh = await choose(
      client,
      tenant,
      new URL(maildev.link(second, '/reset-password/')).pathname,
      'the-newest-link-password'
    )
    fresh.assertHeader('location', '/login')
    assert.isTrue(await login(client, tenant, 'twice@example.com', 'the-newest-link-password'))
  })

  test('an expired link is refused', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'slow@example.com' }).create()
    await ask(client, tenant, 'slow@example.com')
    const [mail] = await maildev.waitFor('slow@example.com')
    const path = new URL(maildev.link(mail, '/reset-password/')).pathname

    await tenantContext.run(tenant.id, async () => {
      const row = await PasswordResetToken.query().where('user_id', user.id).firstOrFail()
      row.expiresAt = DateTime.now().minus({ minutes: 1 })
      await row.save()
    })

    const page = await client.get(path).forTenant(tenant.slug).withInertia()
    page.assertInertiaPropsContains({ valid: false })
    const post = await choose(client, tenant, path, 'brand-new-password')
    post.assertFlashMessage(
      'error',
      'This link is no longer valid: it was already used or it has expired. Ask for a new one.'
    )
    assert.isFalse(await login(client, tenant, 'slow@example.com', 'brand-new-password'))
  })

  test('a link of tenant A does not reset a password on tenant B', async ({ client, assert }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    await UserFactory.for(a).merge({ email: 'same@example.com' }).create()
    await UserFactory.for(b).merge({ email: 'same@example.com' }).create()
    await ask(client, a, 'same@example.com')
    const [mail] = await maildev.waitFor('same@example.com')
    const path = new URL(maildev.link(mail, '/reset-password/')).pathname

    const onB = await choose(client, b, path, 'brand-new-password')
    onB.assertFlashMessage(
      'error',
      'This link is no longer valid: it was already used or it has expired. Ask for a new one.'
    )
    assert.isFalse(await login(client, b, 'same@example.com', 'brand-new-password'))
  })

  test('asking too often for one address is limited', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    await UserFactory.for(tenant).merge({ email: 'spam@example.com' }).create()
    for (let i = 0; i < 3; i++) {
      const response = await ask(client, tenant, 'spam@example.com')
      response.assertFlashMessage(
        'success',
        'If an account exists for this address, we have sent it a link to choose a new password. Check your inbox.'
      )
    }
    const fourth = await ask(client, tenant, 'spam@example.com')
    assert.match(
      String(fourth.flashMessages().error),
      /^Too many attempts\. Try again in \d+ minutes\.$/
    )
    await maildev.waitFor('spam@example.com', { count: 3 })
  })

  test('a malformed address is refused in the page language', async ({ client, assert }) => {
    const tenant = await TenantFactory.merge({ defaultLocale: 'nl' }).create()
    const response = await ask(client, tenant, 'nope')
    assert.deepEqual(fieldErrors(response).email, ['Het e-mailadres is geen geldig e-mailadres.'])
  })
})
