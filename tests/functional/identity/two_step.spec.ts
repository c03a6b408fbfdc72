/** @spec IAM-2 IAM-3 IAM-4 */
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import ActivityEvent from '#models/activity_event'
import EmailCode from '#models/email_code'
import User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { totp } from '#services/totp'
import { TwoStep } from '#actions/identity/two_step'
import { emailCodeWorkflows } from '#workflows/email_codes/client'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { fieldErrors } from '#tests/support/api_client_macros'
import { enrol, waitForCode } from '#tests/support/two_step'

/** A form post as the browser sends it. */
function post(client: ApiClient, tenant: Tenant, url: string, form: Record<string, string> = {}) {
  return client.post(url).forTenant(tenant.slug).withCsrfToken().form(form).redirects(0)
}

/** The session of somebody whose password was right and whose code is due. */
function pending(user: User) {
  return { 'login.pending': { userId: user.id, at: Date.now() } }
}

async function reload(tenant: Tenant, user: User) {
  return tenantContext.run(tenant.id, () => User.findOrFail(user.id))
}

/** One column of the user as stored now. */
async function fieldOf<K extends keyof User>(tenant: Tenant, user: User, key: K): Promise<User[K]> {
  const fresh = await reload(tenant, user)
  return fresh[key]
}

async function events(tenant: Tenant, type: string) {
  return tenantContext.run(tenant.id, () => ActivityEvent.query().where('type', type))
}

test.group('Identity / two-step verification at login', (group) => {
  resetWorld(group)

  test('with two-step on, the password alone does not log in; the app code does', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'ann@example.com' }).create()
    const secret = await enrol(tenant, user)

    const login = await post(client, tenant, '/login', {
      email: 'ann@example.com',
      password: PASSWORD,
    })
    login.assertHeader('location', '/login/two-step')
    login.assertSession('login.pending')
    assert.isUndefined(login.session('auth_web'))

    const wrong = await post(client, tenant, '/login/two-step', { code: '000000' })
      .withSession(pending(user))
      .header('Referer', '/login/two-step')
    assert.deepEqual(fieldErrors(wrong).code, [
      'This code is not correct. Check that the time on your phone is right and try the newest code.',
    ])

    const right = await post(client, tenant, '/login/two-step', {
      code: totp.generate(secret),
    }).withSession(pending(user))
    right.assertHeader('location', '/')
    assert.equal(right.session('auth_web'), user.id)
    assert.lengthOf(await events(tenant, 'login.succeeded'), 1)
    assert.lengthOf(await events(tenant, 'login.two_step_failed'), 1)
  })

  test('a code is accepted once: the same code again is refused as a replay', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const secret = await enrol(tenant, user)
    const code = totp.generate(secret)

    const first = await post(client, tenant, '/login/two-step', { code }).withSession(pending(user))
    first.assertHeader('location', '/')

    const again = await post(client, tenant, '/login/two-step', { code }).withSession(pending(user))
    assert.deepEqual(fieldErrors(again).code, [
      'This code was already used. Wait for the next code in your app.',
    ])
    assert.isUndefined(again.session('auth_web'))
  })

  test('a burst of wrong codes locks the second step, even for the right code', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ locale: 'nl' }).create()
    const secret = await enrol(tenant, user)

    for (let attempt = 1; attempt <= 5; attempt++) {
      await post(client, tenant, '/login/two-step', { code: '111111' }).withSession(pending(user))
    }
    const locked = await post(client, tenant, '/login/two-step', {
      code: totp.generate(secret),
    })
      .withSession(pending(user))
      .header('Accept-Language', 'nl')
    locked.assertFlashMessage(
      'error',
      'Te veel foute codes. De tweede stap is geblokkeerd; probeer opnieuw over 15 minuten.'
    )
    assert.isUndefined(locked.session('auth_web'))
  })

  test('the second step needs a pending login, and a stale one counts as none', async ({
    client,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const secret = await enrol(tenant, user)

    const none = await post(client, tenant, '/login/two-step', { code: totp.generate(secret) })
    none.assertHeader('location', '/login')

    const stale = await post(client, tenant, '/login/two-step', {
      code: totp.generate(secret),
    }).withSession({ 'login.pending': { userId: user.id, at: Date.now() - 11 * 60_000 } })
    stale.assertHeader('location', '/login')
  })

  test('without two-step, login offers it until the user declines', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'ben@example.com' }).create()

    const login = await post(client, tenant, '/login', {
      email: 'ben@example.com',
      password: PASSWORD,
    })
    login.assertHeader('location', '/account/two-step/offer')

    const decline = await post(client, tenant, '/account/two-step/decline').loginAs(user)
    decline.assertHeader('location', '/')
    assert.isNotNull(await fieldOf(tenant, user, 'twoStepDeclinedAt'))

    const next = await post(client, tenant, '/login', {
      email: 'ben@example.com',
      password: PASSWORD,
    })
    next.assertHeader('location', '/')
  })
})

test.group('Identity / two-step enrolment and recovery e-mail', (group) => {
  resetWorld(group)

  test('enrolment: recovery e-mail verified by code, then the app code confirms', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const user = await UserFactory.for(tenant)
      .merge({ email: 'cleo@example.com', locale: 'fr' })
      .create()

    const setup = await client
      .get('/account/two-step')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withInertia()
    setup.assertInertiaPropsContains({ step: 'recovery' })

    const same = await post(client, tenant, '/account/recovery-email', {
      email: 'cleo@example.com',
    }).loginAs(user)
    assert.property(fieldErrors(same), 'email')

    const asked = await post(client, tenant, '/account/recovery-email', {
      email: 'Cleo.Backup@Example.com',
    }).loginAs(user)
    asked.assertStatus(302)
    const [mail] = await maildev.waitFor('cleo.backup@example.com')
    assert.equal(mail.subject, 'Votre code de vérification pour le portail de Lessor One')
    const code = (mail.text.match(/\b(\d{6})\b/) ?? [])[1]

    const verifyPage = await client
      .get('/account/two-step')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withInertia()
    verifyPage.assertInertiaPropsContains({
      step: 'verify',
      recoveryEmail: 'cleo.backup@example.com',
    })

    const verified = await post(client, tenant, '/account/recovery-email/verify', { code }).loginAs(
      user
    )
    verified.assertStatus(302)
    const afterVerify = await reload(tenant, user)
    assert.equal(afterVerify.recoveryEmail, 'cleo.backup@example.com')
    assert.isNotNull(afterVerify.recoveryEmailVerifiedAt)

    const appStep = await client
      .get('/account/two-step')
      .forTenant(tenant.slug)
      .loginAs(user)
      .withInertia()
    appStep.assertInertiaPropsContains({ step: 'app', account: 'cleo@example.com' })
    const props = appStep.inertiaProps as { secret: string; qrCode: string }
    assert.match(props.qrCode, /^data:image\/svg\+xml;base64,/)
    const secret = props.secret.replaceAll(' ', '')

    // The secret is kept encrypted, never as the base32 text.
    const stored = await reload(tenant, user)
    assert.notInclude(stored.totpSecret!, secret)
    assert.equal(TwoStep.secretOf(stored), secret)

    const wrong = await post(client, tenant, '/account/two-step', { code: '123456' }).loginAs(user)
    assert.property(fieldErrors(wrong), 'code')
    assert.isNull(await fieldOf(tenant, user, 'totpEnabledAt'))

    const confirmed = await post(client, tenant, '/account/two-step', {
      code: totp.generate(secret),
    }).loginAs(user)
    confirmed.assertHeader('location', '/')
    assert.isNotNull(await fieldOf(tenant, user, 'totpEnabledAt'))
    assert.lengthOf(await events(tenant, 'two_step.enabled'), 1)
    assert.lengthOf(await events(tenant, 'recovery_email.verified'), 1)
  })

  test('five wrong recovery codes end the workflow; the right code no longer works', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    await post(client, tenant, '/account/recovery-email', { email: 'five@example.com' }).loginAs(
      user
    )
    const code = await waitForCode('five@example.com')
    const wrongCode = code === '999999' ? '999998' : '999999'

    const messages: string[] = []
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await post(client, tenant, '/account/recovery-email/verify', {
        code: wrongCode,
      }).loginAs(user)
      messages.push(fieldErrors(response).code[0])
    }
    assert.deepEqual(messages, [
      'This code is not correct. 4 attempts left.',
      'This code is not correct. 3 attempts left.',
      'This code is not correct. 2 attempts left.',
      'This code is not correct. 1 attempt left.',
      'Too many wrong codes: this code no longer works. Ask for a new code.',
    ])

    const row = await tenantContext.run(tenant.id, () => EmailCode.query().firstOrFail())
    assert.equal(await emailCodeWorkflows.result(row.workflowId), 'locked')
    const late = await post(client, tenant, '/account/recovery-email/verify', { code }).loginAs(
      user
    )
    assert.deepEqual(fieldErrors(late).code, [
      'Too many wrong codes: this code no longer works. Ask for a new code.',
    ])
    assert.isNull(await fieldOf(tenant, user, 'recoveryEmailVerifiedAt'))
  }).timeout(60_000)

  test('a code expires (period shortened by the test) and a new code kills the old one', async ({
    client,
    assert,
    cleanup,
  }) => {
    const original = app.config.get('identity.emailCode.ttlSeconds')
    app.config.set('identity.emailCode.ttlSeconds', 2)
    cleanup(() => app.config.set('identity.emailCode.ttlSeconds', original))

    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    await post(client, tenant, '/account/recovery-email', { email: 'late@example.com' }).loginAs(
      user
    )
    const code = await waitForCode('late@example.com')
    const first = await tenantContext.run(tenant.id, () => EmailCode.query().firstOrFail())
    assert.equal(await emailCodeWorkflows.result(first.workflowId), 'expired')
    const expired = await post(client, tenant, '/account/recovery-email/verify', { code }).loginAs(
      user
    )
    assert.deepEqual(fieldErrors(expired).code, ['This code has expired. Ask for a new code.'])

    app.config.set('identity.emailCode.ttlSeconds', original)
    await post(client, tenant, '/account/recovery-email', { email: 'late@example.com' }).loginAs(
      user
    )
    const second = await waitForCode('late@example.com', 2)
    await post(client, tenant, '/account/recovery-email', { email: 'late@example.com' }).loginAs(
      user
    )
    const third = await waitForCode('late@example.com', 3)
    const rows = await tenantContext.run(tenant.id, () => EmailCode.query().orderBy('id'))
    assert.equal(await emailCodeWorkflows.result(rows[1].workflowId), 'replaced')

    if (second !== third) {
      const old = await post(client, tenant, '/account/recovery-email/verify', {
        code: second,
      }).loginAs(user)
      assert.property(fieldErrors(old), 'code')
    }
    const ok = await post(client, tenant, '/account/recovery-email/verify', {
      code: third,
    }).loginAs(user)
    ok.assertStatus(302)
    assert.deepEqual(fieldErrors(ok), {})
    assert.equal(await fieldOf(tenant, user, 'recoveryEmail'), 'late@example.com')
  }).timeout(60_000)

  test('lost device: a code sent to the recovery e-mail removes the old authenticator', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'dora@example.com' }).create()
    await enrol(tenant, user, 'dora.home@example.com')

    const sent = await post(client, tenant, '/login/two-step/lost-device').withSession(
      pending(user)
    )
    sent.assertHeader('location', '/login/two-step/lost-device')
    sent.assertFlashMessage('success', 'We sent a 6-digit code to do•••@example.com.')
    const code = await waitForCode('dora.home@example.com')

    const verified = await post(client, tenant, '/login/two-step/lost-device/verify', {
      code,
    }).withSession(pending(user))
    verified.assertHeader('location', '/account/two-step')
    assert.equal(verified.session('auth_web'), user.id)

    const after = await reload(tenant, user)
    assert.isNull(after.totpEnabledAt)
    assert.isNull(after.totpSecret)
    assert.lengthOf(await events(tenant, 'two_step.device_reset'), 1)

    // Straight to scanning a new QR code: the recovery address is still verified.
    const setup = await client
      .get('/account/two-step')
      .forTenant(tenant.slug)
      .loginAs(after)
      .withInertia()
    setup.assertInertiaPropsContains({ step: 'app' })
  }).timeout(60_000)

  test('asking for codes again and again is limited, so a mailbox is not flooded', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await post(client, tenant, '/account/recovery-email', {
        email: 'flood@example.com',
      }).loginAs(user)
      assert.isUndefined(response.flashMessages().error)
    }
    const sixth = await post(client, tenant, '/account/recovery-email', {
      email: 'flood@example.com',
    }).loginAs(user)
    sixth.assertFlashMessage('error', 'Too many codes asked for. Try again in 60 minutes.')
    const rows = await tenantContext.run(tenant.id, () => EmailCode.query())
    assert.lengthOf(rows, 5)
  }).timeout(60_000)

  test('without a verified recovery e-mail, the lost-device flow says to contact support', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    await enrol(tenant, user)
    await tenantContext.run(tenant.id, async () => {
      user.recoveryEmailVerifiedAt = null
      await user.save()
    })
    const response = await post(client, tenant, '/login/two-step/lost-device').withSession(
      pending(user)
    )
    response.assertFlashMessage(
      'error',
      'Your account has no verified recovery e-mail address. Contact customer service to regain access.'
    )
    assert.lengthOf(await tenantContext.run(tenant.id, () => EmailCode.all()), 0)
  })

  test('turning two-step off asks for the password or a current code', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const secret = await enrol(tenant, user)

    const wrong = await post(client, tenant, '/account/two-step/disable', {
      password: 'not-my-password',
    }).loginAs(user)
    assert.deepEqual(fieldErrors(wrong).password, ['The password is not correct.'])
    assert.isNotNull(await fieldOf(tenant, user, 'totpEnabledAt'))

    const nothing = await post(client, tenant, '/account/two-step/disable').loginAs(user)
    assert.property(fieldErrors(nothing), 'password')

    const byCode = await post(client, tenant, '/account/two-step/disable', {
      code: totp.generate(secret),
    }).loginAs(user)
    byCode.assertHeader('location', '/account/security')
    assert.isNull(await fieldOf(tenant, user, 'totpEnabledAt'))

    // On again later: a new enrolment draws a new secret.
    await enrol(tenant, await reload(tenant, user))
    const byPassword = await post(client, tenant, '/account/two-step/disable', {
      password: PASSWORD,
    }).loginAs(await reload(tenant, user))
    byPassword.assertHeader('location', '/account/security')
    assert.lengthOf(await events(tenant, 'two_step.disabled'), 2)
  })
})
