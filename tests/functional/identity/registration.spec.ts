/** @spec IAM-9 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import ActivationCode from '#models/activation_code'
import CustomerNumber from '#models/customer_number'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { SelfRegistration } from '#actions/identity/registration'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'
import { createCustomer } from '#tests/support/accounts'

const PASSWORD = 'my-own-password-1'

function post(client: ApiClient, tenant: Tenant, url: string, form: Record<string, string>) {
  return client.post(url).forTenant(tenant.slug).withCsrfToken().form(form).redirects(0)
}

function registerWithCode(
  client: ApiClient,
  tenant: Tenant,
  number: string,
  code: string,
  email: string
) {
  return post(client, tenant, '/register/code', {
    customerNumber: number,
    activationCode: code,
    email,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
  })
}

async function userByEmail(tenant: Tenant, email: string) {
  return tenantContext.run(tenant.id, () => User.findBy('email', email))
}

test.group('Identity / self-registration (IAM-9)', (group) => {
  resetWorld(group)

  test('with an activation code: confirm by e-mail, then the account is the main contact', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      name: 'Lessor One',
      registrationStyles: 'activation_code',
    }).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000700'], null)

    const issued = await client
      .post(`/admin/customer-numbers/${numbers[0].id}/activation-codes`)
      .forTenant(tenant.slug)
      .loginAs(staff)
      .withCsrfToken()
      .redirects(0)
    const message = issued.flashMessages().success as string
    const code = message.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)![0]

    const wrong = await registerWithCode(
      client,
      tenant,
      'DL2000700',
      'AAAA-BBBB-CCCC',
      'new@example.com'
    )
    assert.deepEqual(fieldErrors(wrong).activationCode, [
      'This customer number and activation code do not match, or the code is no longer valid (codes work once, for 15 weeks).',
    ])
    assert.isNull(await userByEmail(tenant, 'new@example.com'))

    const done = await registerWithCode(
      client,
      tenant,
      'dl2000700',
      code.toLowerCase(),
      'New@Example.com'
    )
    done.assertHeader('location', '/login')

    // Logging in before confirming says so and offers to resend.
    const early = await post(client, tenant, '/login', {
      email: 'new@example.com',
      password: PASSWORD,
    })
    early.assertFlashMessage(
      'error',
      'Your registration is not confirmed yet. Follow the link in the confirmation e-mail, or ask for a new one below.'
    )
    early.assertFlashMessage('unconfirmedEmail', 'new@example.com')
    await post(client, tenant, '/register/resend', { email: 'new@example.com' })
    const mails = await maildev.waitFor('new@example.com', { count: 2 })
    assert.equal(mails[0].subject, 'Confirm your registration on the Lessor One portal')

    // The first link died when the second was sent.
    const first = new URL(maildev.link(mails[0], '/register/confirm/'))
    const stale = await client.get(first.pathname).forTenant(tenant.slug).redirects(0)
    stale.assertFlashMessage(
      'error',
      'This confirmation link is no longer valid. Log in to ask for a new one.'
    )

    const link = new URL(maildev.link(mails[1], '/register/confirm/'))
    const confirmed = await client.get(link.pathname).forTenant(tenant.slug).redirects(0)
    confirmed.assertFlashMessage(
      'success',
      'Your account is active. Log in with your e-mail address and password.'
    )
    const user = (await userByEmail(tenant, 'new@example.com'))!
    assert.equal(user.status, 'active')
    const number = await tenantContext.run(tenant.id, () =>
      CustomerNumber.findOrFail(numbers[0].id)
    )
    assert.equal(number.mainContactId, user.id)

    const login = await post(client, tenant, '/login', {
      email: 'new@example.com',
      password: PASSWORD,
    })
    login.assertHeader('location', '/account/two-step/offer')

    // The code works once.
    const again = await registerWithCode(client, tenant, 'DL2000700', code, 'second@example.com')
    assert.property(fieldErrors(again), 'activationCode')
    assert.isNull(await userByEmail(tenant, 'second@example.com'))
  }).timeout(60_000)

  test('wrong activation codes for one customer number, from any addresses, lock its registration for an hour', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ registrationStyles: 'activation_code' }).create()
    const { numbers } = await createCustomer(tenant, 'Lease Guess', ['DL2000900'], null)
    const { code } = await tenantContext.run(tenant.id, () =>
      SelfRegistration.issueCode(numbers[0], null)
    )
    const attempt = (activationCode: string, from: string) =>
      post(client, tenant, '/register/code', {
        customerNumber: 'DL2000900',
        activationCode,
        email: 'guesser@example.com',
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
      }).header('X-Forwarded-For', from)

    for (let i = 0; i < 10; i++) {
      const wrong = await attempt(
        `AAAA-BBBB-CC${'23456789AB'[i]}${'23456789AB'[i]}`,
        `203.0.113.${i + 1}`
      )
      assert.property(fieldErrors(wrong), 'activationCode')
    }
    const right = await attempt(code, '198.51.100.3')
    assert.match(
      String(right.flashMessages().error),
      /^Too many attempts\. Try again in (59|60) minutes\.$/
    )
    assert.isNull(await userByEmail(tenant, 'guesser@example.com'))
    const row = await tenantContext.run(tenant.id, () => ActivationCode.query().firstOrFail())
    assert.isNull(row.usedAt)
  })

  test('an activation code older than 15 weeks is refused', async ({ client, assert }) => {
    const tenant = await TenantFactory.merge({ registrationStyles: 'activation_code' }).create()
    const { numbers } = await createCustomer(tenant, 'Lease Two', ['DL2000800'], null)
    const { code } = await tenantContext.run(tenant.id, () =>
      SelfRegistration.issueCode(numbers[0], null)
    )
    await tenantContext.run(tenant.id, () =>
      ActivationCode.query().update({
        created_at: DateTime.now().minus({ weeks: 15, days: 1 }).toSQL({ includeOffset: false }),
        expires_at: DateTime.now().minus({ days: 1 }).toSQL({ includeOffset: false }),
      })
    )
    const response = await registerWithCode(client, tenant, 'DL2000800', code, 'late@example.com')
    assert.property(fieldErrors(response), 'activationCode')
    assert.isNull(await userByEmail(tenant, 'late@example.com'))
  })

  test('with customer number and the e-mail on file; a mismatch gets the same answer', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ registrationStyles: 'customer_email' }).create()
    const main = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Resident', ['EAN541000'], main)
    await tenantContext.run(tenant.id, async () => {
      numbers[0].contactEmail = 'billing@home.example'
      await numbers[0].save()
    })

    const mismatch = await post(client, tenant, '/register/email', {
      customerNumber: 'EAN541000',
      email: 'someone.else@example.com',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    })
    const match = await post(client, tenant, '/register/email', {
      customerNumber: 'EAN541000',
      email: 'Billing@Home.example',
      loginEmail: 'me@home.example',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    })
    assert.deepEqual(mismatch.flashMessages().success, match.flashMessages().success)
    assert.lengthOf(await maildev.sentTo('someone.else@example.com'), 0)

    // The address on file approves, then the login address confirms and logs in.
    const [approval] = await maildev.waitFor('billing@home.example')
    await client
      .get(new URL(maildev.link(approval, '/register/confirm/')).pathname)
      .forTenant(tenant.slug)
    const [confirmation] = await maildev.waitFor('me@home.example')
    await client
      .get(new URL(maildev.link(confirmation, '/register/confirm/')).pathname)
      .forTenant(tenant.slug)
    const user = (await userByEmail(tenant, 'me@home.example'))!
    assert.equal(user.status, 'active')
    await tenantContext.run(tenant.id, async () => {
      user.merge({ firstName: 'Rita', lastName: 'Resident' })
      await user.save()
    })
    // The number has a main contact already: the newcomer sees it as a shared user.
    const page = await client
      .get('/customer-numbers')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withInertia()
    assert.deepEqual((page.inertiaProps as { numbers: unknown[] }).numbers, [
      {
        id: numbers[0].id,
        number: 'EAN541000',
        customer: 'Resident',
        access: 'shared',
        notifyMode: 'link',
      },
    ])
  }).timeout(60_000)

  test('past the seat limit, registration is refused and nothing is stored', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      registrationStyles: 'activation_code',
      seatLimit: 1,
    }).create()
    await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Full House', ['DL2000950'], null)
    const { code } = await tenantContext.run(tenant.id, () =>
      SelfRegistration.issueCode(numbers[0], null)
    )
    const response = await registerWithCode(
      client,
      tenant,
      'DL2000950',
      code,
      'one.more@example.com'
    )
    assert.deepEqual(fieldErrors(response).email, [
      'Registration is not possible at the moment: all customer logins of this portal are in use. Contact customer service.',
    ])
    assert.isNull(await userByEmail(tenant, 'one.more@example.com'))
    // The code was not used up by the refused attempt.
    const row = await tenantContext.run(tenant.id, () => ActivationCode.query().firstOrFail())
    assert.isNull(row.usedAt)
  })

  test('a portal without self-registration has no register pages', async ({ client }) => {
    const tenant = await TenantFactory.create()
    const page = await client.get('/register').forTenant(tenant.slug)
    page.assertStatus(404)
  })

  test('staff add customer numbers in the tenant format; the main contact is invited', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({
      customerNumberPattern: '^DL[25]\\d{6}$',
      name: 'Lessor One',
    }).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const add = (form: Record<string, string>) =>
      client
        .post('/admin/customers')
        .forTenant(tenant.slug)
        .loginAs(staff)
        .withCsrfToken()
        .form(form)
        .redirects(0)

    const bad = await add({ customerName: 'Lease Three', number: 'XX123' })
    assert.deepEqual(fieldErrors(bad).number, [
      'This customer number does not have the format of this portal.',
    ])

    const ok = await add({
      customerName: 'Lease Three',
      number: 'dl2 123456',
      mainContactEmail: 'boss@three.example',
    })
    ok.assertFlashMessage('success', 'Customer number DL2123456 was added.')
    const [mail] = await maildev.waitFor('boss@three.example')
    assert.equal(mail.subject, 'Your invitation to the Lessor One portal')

    const duplicate = await add({ customerName: 'Other', number: 'DL2123456' })
    assert.deepEqual(fieldErrors(duplicate).number, ['Customer number DL2123456 already exists.'])
  })
})
