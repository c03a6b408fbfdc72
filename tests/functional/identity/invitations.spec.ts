/** @spec IAM-8 */
import { test } from '@japa/runner'
import { fieldErrors } from '#tests/support/api_client_macros'
import Invitation from '#models/invitation'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { invitationWorkflows } from '#workflows/invitations/client'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import type Tenant from '#models/tenant'
import type { ApiClient } from '@japa/api-client'

/**
 * The admin invites through the admin page, as the browser would.
 */
async function invite(
  client: ApiClient,
  tenant: Tenant,
  admin: User,
  fields: Record<string, string>
) {
  return client
    .post('/admin/invitations')
    .forTenant(tenant.slug)
    .loginAs(admin)
    .withCsrfToken()
    .form(fields)
    .redirects(0)
}

async function latestInvitation(tenant: Tenant, email: string) {
  return tenantContext.run(tenant.id, async () => {
    const user = await User.query().where('email', email).firstOrFail()
    return Invitation.query().where('user_id', user.id).orderBy('id', 'desc').firstOrFail()
  })
}

test.group('Identity / invitations', (group) => {
  resetWorld(group)

  test('the invitation e-mail goes out in the invitee language and its link activates the account', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()

    const response = await invite(client, tenant, admin, {
      email: 'New.Customer@Example.com',
      firstName: 'Nina',
      locale: 'fr',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/admin/invitations')
    response.assertFlashMessage(
      'success',
      'The invitation to new.customer@example.com is on its way.'
    )

    const [mail] = await maildev.waitFor('new.customer@example.com')
    assert.equal(mail.subject, 'Votre invitation au portail de Lessor One')
    assert.include(mail.html, 'Bonjour Nina,')
    const link = maildev.link(mail, '/activate/')
    assert.equal(new URL(link).host, `${tenant.slug}.localhost:3334`)

    const page = await client
      .get(new URL(link).pathname)
      .forTenant(tenant.slug)
      .header('Accept-Language', 'en-US')
      .withInertia()
    page.assertInertiaComponent('auth/activate')
    // The page speaks the invitee's language, not the browser's.
    page.assertInertiaPropsContains({ email: 'new.customer@example.com', locale: 'fr' })

    const activated = await client
      .post(new URL(link).pathname)
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ password: 'a-good-password', passwordConfirmation: 'a-good-password' })
      .redirects(0)
    activated.assertStatus(302)
    activated.assertHeader('location', '/')

    const invitation = await latestInvitation(tenant, 'new.customer@example.com')
    assert.equal(await invitationWorkflows.result(invitation.workflowId), 'accepted')
    assert.equal(invitation.status, 'accepted')

    const again = await client.get(new URL(link).pathname).forTenant(tenant.slug).withInertia()
    again.assertInertiaComponent('auth/invitation_unusable')
    again.assertInertiaPropsContains({ reason: 'accepted' })

    const login = await client
      .post('/login')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: 'new.customer@example.com', password: 'a-good-password' })
      .redirects(0)
    login.assertHeader('location', '/account/two-step/offer')
  })

  test('an invitation expires after the tenant period: the link shows the expired page', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ invitationTtlSeconds: 2 }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await invite(client, tenant, admin, { email: 'late@example.com' })
    const [mail] = await maildev.waitFor('late@example.com')
    const path = new URL(maildev.link(mail, '/activate/')).pathname

    const invitation = await latestInvitation(tenant, 'late@example.com')
    assert.equal(await invitationWorkflows.result(invitation.workflowId), 'expired')
    await tenantContext.run(tenant.id, () => invitation.refresh())
    assert.equal(invitation.status, 'expired')

    const page = await client.get(path).forTenant(tenant.slug).withInertia()
    page.assertInertiaComponent('auth/invitation_unusable')
    page.assertInertiaPropsContains({ reason: 'expired' })

    const post = await client
      .post(path)
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ password: 'a-good-password', passwordConfirmation: 'a-good-password' })
      .withInertia()
    post.assertInertiaComponent('auth/invitation_unusable')
    const user = await tenantContext.run(tenant.id, () =>
      User.findByOrFail('email', 'late@example.com')
    )
    assert.equal(user.status, 'invited')
    assert.isNull(user.password)
  }).timeout(60_000)

  test('inviting again voids the first link', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await invite(client, tenant, admin, { email: 'twice@example.com' })
    const [first] = await maildev.waitFor('twice@example.com')
    const firstInvitation = await latestInvitation(tenant, 'twice@example.com')

    await invite(client, tenant, admin, { email: 'twice@example.com' })
    const mails = await maildev.waitFor('twice@example.com', { count: 2 })
    const second = mails.find((mail) => mail.id !== first.id)!

    assert.equal(await invitationWorkflows.result(firstInvitation.workflowId), 'voided')

    const old = await client
      .get(new URL(maildev.link(first, '/activate/')).pathname)
      .forTenant(tenant.slug)
      .withInertia()
    old.assertInertiaPropsContains({ reason: 'voided' })

    const fresh = await client
      .get(new URL(maildev.link(second, '/activate/')).pathname)
      .forTenant(tenant.slug)
      .withInertia()
    fresh.assertInertiaComponent('auth/activate')
  })

  test('an address with an active account cannot be invited', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await UserFactory.for(tenant).merge({ email: 'active@example.com' }).create()
    const response = await invite(client, tenant, admin, { email: 'active@example.com' })
    response.assertStatus(302)
    assert.deepEqual(fieldErrors(response).email, ['This person already has an active account.'])
    const count = await tenantContext.run(tenant.id, () => Invitation.query().count('* as total'))
    assert.equal(Number(count[0].$extras.total), 0)
  })

  test('bad input is refused in the admin language and nothing is stored', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'nl' }).create()
    const response = await invite(client, tenant, admin, {
      email: 'not an e-mail',
      firstName: 'x'.repeat(101),
      locale: 'de',
    })
    const errors = fieldErrors(response)
    assert.deepEqual(errors.email, ['Het e-mailadres is geen geldig e-mailadres.'])
    assert.deepEqual(errors.firstName, ['De voornaam mag hoogstens 100 tekens lang zijn.'])
    assert.deepEqual(errors.locale, ['De taal moet een van de voorgestelde keuzes zijn.'])
    const users = await tenantContext.run(tenant.id, () => User.query().count('* as total'))
    assert.equal(Number(users[0].$extras.total), 1)
  })

  test('an activation password must be long enough and confirmed', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await invite(client, tenant, admin, { email: 'short@example.com' })
    const [mail] = await maildev.waitFor('short@example.com')
    const path = new URL(maildev.link(mail, '/activate/')).pathname

    const response = await client
      .post(path)
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ password: 'short', passwordConfirmation: 'other' })
      .redirects(0)
    const errors = fieldErrors(response)
    assert.include(errors.password.join(' '), 'at least 12 characters')
    const user = await tenantContext.run(tenant.id, () =>
      User.findByOrFail('email', 'short@example.com')
    )
    assert.equal(user.status, 'invited')
  })

  test('unknown and malformed tokens show the invalid-link page', async ({ client }) => {
    const tenant = await TenantFactory.create()
    for (const token of ['nope', 'A'.repeat(43), '../../etc/passwd']) {
      const page = await client
        .get(`/activate/${encodeURIComponent(token)}`)
        .forTenant(tenant.slug)
        .withInertia()
      page.assertStatus(200)
      page.assertInertiaPropsContains({ reason: 'unknown' })
    }
  })

  test('a link of tenant A does not work on tenant B', async ({ client }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    const admin = await UserFactory.for(a).apply('admin').create()
    await invite(client, a, admin, { email: 'cross@example.com' })
    const [mail] = await maildev.waitFor('cross@example.com')
    const path = new URL(maildev.link(mail, '/activate/')).pathname
    const page = await client.get(path).forTenant(b.slug).withInertia()
    page.assertInertiaPropsContains({ reason: 'unknown' })
  })

  test('only tenant admins may invite', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const customer = await UserFactory.for(tenant).create()

    const byStaff = await invite(client, tenant, staff, { email: 'x@example.com' })
    byStaff.assertStatus(403)
    const byCustomer = await invite(client, tenant, customer, { email: 'x@example.com' })
    byCustomer.assertStatus(403)
    const anonymous = await client
      .post('/admin/invitations')
      .forTenant(tenant.slug)
      .withCsrfToken()
      .form({ email: 'x@example.com' })
      .redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', '/login')
  })
})
