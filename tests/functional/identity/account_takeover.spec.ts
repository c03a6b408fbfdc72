/** @spec IAM-9 ACC-2 ACC-3 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import ActivationCode from '#models/activation_code'
import CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import Invitation from '#models/invitation'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { SelfRegistration } from '#actions/identity/registration'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { createCustomer } from '#tests/support/accounts'

/**
 * docs/security.md, "Flows that change an account": a visitor with their
 * own customer number (and its address on file, or its activation code)
 * acts on a victim's invited, active or blocked account. The victim's
 * account, password, customer numbers and invitation stay as they were.
 */
const ATTACKER_PASSWORD = 'attacker-chosen-password'
const VICTIM = 'victim@example.com'

type VictimState = 'invited' | 'active' | 'blocked'

function post(client: ApiClient, tenant: Tenant, url: string, form: Record<string, string>) {
  return client.post(url).forTenant(tenant.slug).withCsrfToken().form(form).redirects(0)
}

/**
 * The victim: invited by the tenant's admin (a pending invitation with its
 * link in the victim's mailbox), or active, or blocked; main contact of a
 * customer number of their own.
 */
async function createVictim(client: ApiClient, tenant: Tenant, state: VictimState) {
  const { numbers } = await createCustomer(tenant, 'Victim Ltd', ['VIC000001'], null)
  let victim: User
  let invitationLink: string | null = null
  if (state === 'invited') {
    const admin = await UserFactory.for(tenant).apply('admin').create()
    await client
      .post('/admin/invitations')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .form({ email: VICTIM, firstName: 'Vera' })
      .redirects(0)
    const [mail] = await maildev.waitFor(VICTIM)
    invitationLink = new URL(maildev.link(mail, '/activate/')).pathname
    victim = await tenantContext.run(tenant.id, () => User.findByOrFail('email', VICTIM))
    await maildev.clear()
  } else {
    victim = await UserFactory.for(tenant)
      .merge({ email: VICTIM, status: state, firstName: 'Vera' })
      .create()
  }
  await tenantContext.run(tenant.id, async () => {
    numbers[0].mainContactId = victim.id
    await numbers[0].save()
  })
  return { victim, invitationLink }
}

/** What the victim would notice: login, password, state, numbers, shares, invitation. */
async function snapshot(tenant: Tenant, victimId: number) {
  return tenantContext.run(tenant.id, async () => {
    const user = await User.findOrFail(victimId)
    const mainOf = await CustomerNumber.query().where('main_contact_id', victimId).orderBy('id')
    const shared = await CustomerNumberShare.query().where('user_id', victimId).orderBy('id')
    const invitations = await Invitation.query().where('user_id', victimId).orderBy('id')
    return {
      email: user.email,
      password: user.password,
      status: user.status,
      firstName: user.firstName,
      mainOf: mainOf.map((row) => row.number),
      sharedWith: shared.map((row) => row.customerNumberId),
      invitations: invitations.map((row) => row.status),
    }
  })
}

/** The customer numbers a user's portal lists. */
async function numbersSeenBy(client: ApiClient, tenant: Tenant, user: User): Promise<string[]> {
  const page = await client
    .get('/customer-numbers')
    .forTenant(tenant.slug)
    .loginAs(user)
    .withInertia()
  return (page.inertiaProps as { numbers: { number: string }[] }).numbers.map((row) => row.number)
}

/** The attacker's own customer number, with their own address on file. */
async function attackerNumber(tenant: Tenant) {
  const { numbers } = await createCustomer(tenant, 'Attacker BV', ['ATK000001'], null)
  await tenantContext.run(tenant.id, async () => {
    numbers[0].contactEmail = 'attacker@evil.example'
    await numbers[0].save()
  })
  return numbers[0]
}

/**
 * Everything the attacker could click: links in their own mailbox.
 */
async function clickEveryLinkOf(client: ApiClient, tenant: Tenant, address: string) {
  for (const mail of await maildev.sentTo(address)) {
    for (const match of mail.html.matchAll(/href="([^"]+)"/g)) {
      const url = new URL(match[1].replaceAll('&amp;', '&'))
      if (url.pathname.startsWith('/register/confirm/'))
        await client.get(url.pathname).forTenant(tenant.slug).redirects(0)
    }
  }
}

async function assertVictimUnchanged(
  { client, assert }: { client: ApiClient; assert: any },
  tenant: Tenant,
  victim: User,
  before: Awaited<ReturnType<typeof snapshot>>,
  state: VictimState,
  invitationLink: string | null
) {
  assert.deepEqual(await snapshot(tenant, victim.id), before)
  // The attacker's password does not open the victim's account.
  const asAttacker = await post(client, tenant, '/login', {
    email: VICTIM,
    password: ATTACKER_PASSWORD,
  })
  assert.isDefined(asAttacker.flashMessages().error)
  if (state === 'active') {
    const own = await post(client, tenant, '/login', { email: VICTIM, password: PASSWORD })
    own.assertHeader('location', '/account/two-step/offer')
  }
  if (invitationLink) {
    const page = await client.get(invitationLink).forTenant(tenant.slug).withInertia()
    page.assertInertiaComponent('auth/activate')
  }
  // The victim is told in their own mailbox, with nothing to click that changes the account.
  const [mail] = await maildev.waitFor(VICTIM)
  assert.match(mail.subject, /already have an account/)
  assert.notInclude(mail.html, '/register/confirm/')
}

test.group('Identity / a visitor cannot take over or change an account (registration)', (group) => {
  resetWorld(group)

  test(
    'registration by customer number and address on file, login address of an account that is {$self}'
  )
    .with(['invited', 'active', 'blocked'] as VictimState[])
    .run(async ({ client, assert }, state) => {
      const tenant = await TenantFactory.merge({ registrationStyles: 'customer_email' }).create()
      const { victim, invitationLink } = await createVictim(client, tenant, state)
      await attackerNumber(tenant)
      const before = await snapshot(tenant, victim.id)

      const attempt = await post(client, tenant, '/register/email', {
        customerNumber: 'ATK000001',
        email: 'attacker@evil.example',
        loginEmail: VICTIM,
        password: ATTACKER_PASSWORD,
        passwordConfirmation: ATTACKER_PASSWORD,
      })
      // The same answer as for an address nobody uses.
      const fresh = await post(client, tenant, '/register/email', {
        customerNumber: 'ATK000001',
        email: 'attacker@evil.example',
        loginEmail: 'nobody.yet@example.com',
        password: ATTACKER_PASSWORD,
        passwordConfirmation: ATTACKER_PASSWORD,
      })
      assert.equal(attempt.headers().location, fresh.headers().location)
      assert.deepEqual(attempt.flashMessages().success, fresh.flashMessages().success)

      await maildev.waitFor('attacker@evil.example')
      await clickEveryLinkOf(client, tenant, 'attacker@evil.example')
      await assertVictimUnchanged({ client, assert }, tenant, victim, before, state, invitationLink)
      // Nothing to the attacker's mailbox names the victim's account.
      for (const mail of await maildev.sentTo('attacker@evil.example')) {
        assert.notInclude(mail.html, VICTIM)
        assert.notInclude(mail.html, 'Vera')
      }
    })
    .timeout(60_000)

  test('registration by activation code with the address of an account that is {$self}')
    .with(['invited', 'active', 'blocked'] as VictimState[])
    .run(async ({ client, assert }, state) => {
      const tenant = await TenantFactory.merge({ registrationStyles: 'activation_code' }).create()
      const { victim, invitationLink } = await createVictim(client, tenant, state)
      const number = await attackerNumber(tenant)
      const { code } = await tenantContext.run(tenant.id, () =>
        SelfRegistration.issueCode(number, null)
      )
      const before = await snapshot(tenant, victim.id)

      const attempt = await post(client, tenant, '/register/code', {
        customerNumber: 'ATK000001',
        activationCode: code,
        email: VICTIM,
        password: ATTACKER_PASSWORD,
        passwordConfirmation: ATTACKER_PASSWORD,
      })
      attempt.assertHeader('location', '/login')
      attempt.assertFlashMessage(
        'success',
        'Almost done: we sent a confirmation e-mail. Follow its link to activate your account.'
      )
      await assertVictimUnchanged({ client, assert }, tenant, victim, before, state, invitationLink)
      // The code was not used up on someone else's account.
      const row = await tenantContext.run(tenant.id, () => ActivationCode.query().firstOrFail())
      assert.isNull(row.usedAt)
    })
    .timeout(60_000)

  test('with another login address, the address on file approves before the login address confirms', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      name: 'Utility One',
      registrationStyles: 'customer_email',
    }).create()
    const { numbers } = await createCustomer(tenant, 'Resident', ['EAN541000'], null)
    await tenantContext.run(tenant.id, async () => {
      numbers[0].contactEmail = 'billing@home.example'
      await numbers[0].save()
    })
    await post(client, tenant, '/register/email', {
      customerNumber: 'EAN541000',
      email: 'billing@home.example',
      loginEmail: 'me@private.example',
      password: ATTACKER_PASSWORD,
      passwordConfirmation: ATTACKER_PASSWORD,
    })
    // Knowing the number and its address is not enough: the address on file must approve.
    const [approval] = await maildev.waitFor('billing@home.example')
    assert.equal(
      approval.subject,
      'Approve access to customer number EAN541000 on the Utility One portal'
    )
    assert.include(approval.html, 'me@private.example')
    assert.lengthOf(await maildev.sentTo('me@private.example'), 0)
    const pending = await tenantContext.run(tenant.id, () =>
      User.findByOrFail('email', 'me@private.example')
    )
    assert.equal(pending.status, 'invited')

    const approved = await client
      .get(new URL(maildev.link(approval, '/register/confirm/')).pathname)
      .forTenant(tenant.slug)
      .redirects(0)
    approved.assertFlashMessage(
      'success',
      'Thank you: access is approved. The login address received an e-mail to confirm it and activate the account.'
    )
    await tenantContext.run(tenant.id, () => pending.refresh())
    assert.equal(pending.status, 'invited')
    // The approval link works once.
    const twice = await client
      .get(new URL(maildev.link(approval, '/register/confirm/')).pathname)
      .forTenant(tenant.slug)
      .redirects(0)
    twice.assertFlashMessage(
      'error',
      'This confirmation link is no longer valid. Log in to ask for a new one.'
    )

    const [confirmation] = await maildev.waitFor('me@private.example')
    assert.equal(confirmation.subject, 'Confirm your registration on the Utility One portal')
    await client
      .get(new URL(maildev.link(confirmation, '/register/confirm/')).pathname)
      .forTenant(tenant.slug)
      .redirects(0)
    await tenantContext.run(tenant.id, () => pending.refresh())
    assert.equal(pending.status, 'active')
    const number = await tenantContext.run(tenant.id, () =>
      CustomerNumber.findOrFail(numbers[0].id)
    )
    assert.equal(number.mainContactId, pending.id)
  }).timeout(60_000)
})

test.group('Identity / sharing and hand-over give, they never change an account', (group) => {
  resetWorld(group)

  test('a main contact shares a number with the address of an account that is {$self}')
    .with(['invited', 'active'] as VictimState[])
    .run(async ({ client, assert }, state) => {
      const tenant = await TenantFactory.create()
      const { victim, invitationLink } = await createVictim(client, tenant, state)
      const attacker = await UserFactory.for(tenant)
        .merge({ email: 'attacker@evil.example' })
        .create()
      const { numbers } = await createCustomer(tenant, 'Attacker BV', ['ATK000001'], attacker)
      const before = await snapshot(tenant, victim.id)

      const shared = await client
        .post('/shared-users')
        .forTenant(tenant.slug)
        .loginAs(attacker)
        .withCsrfToken()
        .form({
          email: VICTIM,
          firstName: 'Renamed',
          lastName: 'By-Attacker',
          locale: 'fr',
          numberIds: String(numbers[0].id),
        })
        .redirects(0)
      shared.assertStatus(302)

      const after = await snapshot(tenant, victim.id)
      // Only the attacker's own number is added; nothing of the victim's account changes.
      assert.deepEqual({ ...after, sharedWith: before.sharedWith }, before)
      assert.deepEqual(after.sharedWith, [numbers[0].id])
      const user = await tenantContext.run(tenant.id, () => User.findOrFail(victim.id))
      assert.equal(user.locale, null)
      if (invitationLink) {
        const page = await client.get(invitationLink).forTenant(tenant.slug).withInertia()
        page.assertInertiaComponent('auth/activate')
        assert.lengthOf(await maildev.sentTo(VICTIM), 0)
      }
      // The attacker sees nothing of the victim's.
      assert.deepEqual(await numbersSeenBy(client, tenant, attacker), ['ATK000001'])
    })
    .timeout(60_000)

  test('a main contact hands a number over to an active account: it gains the number, nothing else changes', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const { victim } = await createVictim(client, tenant, 'active')
    const attacker = await UserFactory.for(tenant)
      .merge({ email: 'attacker@evil.example' })
      .create()
    const { numbers } = await createCustomer(tenant, 'Attacker BV', ['ATK000001'], attacker)
    const before = await snapshot(tenant, victim.id)

    const handed = await client
      .post(`/customer-numbers/${numbers[0].id}/hand-over`)
      .forTenant(tenant.slug)
      .loginAs(attacker)
      .withCsrfToken()
      .form({ email: VICTIM })
      .redirects(0)
    handed.assertStatus(302)
    const after = await snapshot(tenant, victim.id)
    assert.deepEqual({ ...after, mainOf: before.mainOf }, before)
    assert.sameMembers(after.mainOf, [...before.mainOf, 'ATK000001'])
    const own = await post(client, tenant, '/login', { email: VICTIM, password: PASSWORD })
    own.assertHeader('location', '/account/two-step/offer')
    // The former main contact keeps the handed number only, never the victim's own.
    assert.deepEqual(await numbersSeenBy(client, tenant, attacker), ['ATK000001'])
  }).timeout(60_000)
})
