/** @spec OPS-1 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { randomUUID } from 'node:crypto'
import env from '#start/env'
import encryption from '@adonisjs/core/services/encryption'
import Operator from '#models/operator'
import MailDelivery from '#models/mail_delivery'
import Download from '#models/download'
import { DateTime } from 'luxon'
import { tenantContext } from '#tenancy/tenant_context'
import { totp } from '#services/totp'
import { opsHost } from '#services/ops_host'
import { CORE_QUEUES, queue } from '#jobs/queues'
import { runAce } from '#tests/support/processes'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { maildev } from '#tests/support/maildev'

const OPS = `${opsHost}:${env.get('PORT')}`
type Session = Record<string, any>

function onOps(client: ApiClient, method: 'get' | 'post', path: string, session?: Session) {
  const request = client[method](path).header('Host', OPS).redirects(0)
  if (session) request.withSession(session)
  if (method === 'post') request.withCsrfToken()
  return request
}

async function createOperator(email = 'ops@example.com', password = 'an-operator-password') {
  const operator = new Operator()
  operator.email = email
  await operator.setPassword(password)
  await operator.save()
  return { operator, password }
}

/**
 * A full operator login: password, then (first time) the enrolment with a
 * code of the secret shown, else a code of the enrolled secret.
 */
async function logInOperator(client: ApiClient, email: string, password: string) {
  const first = await onOps(client, 'post', '/login').form({ email, password })
  first.assertHeader('location', '/login/code')
  const page = await onOps(client, 'get', '/login/code', first.session()).withInertia()
  page.assertInertiaComponent('ops/two_step')
  const setup = (page.inertiaProps as { setup: { secret: string } | null }).setup
  const operator = await Operator.findByOrFail('email', email)
  const secret = setup?.secret ?? encryption.decrypt<string>(operator.totpSecret!)!
  const done = await onOps(client, 'post', '/login/code', page.session()).form({
    code: totp.generate(secret),
  })
  done.assertHeader('location', '/')
  return { session: done.session(), secret }
}

test.group('Operations / platform operators', (group) => {
  resetWorld(group)

  test("a tenant's admin gets nothing on the operator host, and the queues left the admin area", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant)
      .apply('admin')
      .merge({ email: 'admin@example.com' })
      .create()

    for (const path of ['/', '/queues', '/queues/', '/temporal/', '/admin', '/documents']) {
      const response = await onOps(client, 'get', path)
      assert.oneOf(response.status(), [302, 404], path)
      if (response.status() === 302) assert.equal(response.header('location'), '/login', path)
    }
    // The tenant admin's password is no operator's.
    const login = await onOps(client, 'post', '/login').form({
      email: 'admin@example.com',
      password: PASSWORD,
    })
    login.assertHeader('location', '/login')
    login.assertFlashMessage('error', 'The e-mail address or the password is not correct.')

    // A tenant's session is nothing on the operator host.
    const withTenantSession = await client
      .get('/queues/')
      .header('Host', OPS)
      .loginAs(admin)
      .redirects(0)
    withTenantSession.assertHeader('location', '/login')

    for (const path of ['/admin/queues', '/admin/queues/']) {
      const gone = await client.get(path).forTenant(tenant.slug).loginAs(admin).redirects(0)
      gone.assertStatus(404)
    }
  })

  test('an operator logs in with a password and always a code (set up at the first login), then sees every tenant', async ({
    client,
    assert,
  }) => {
    const one = await TenantFactory.merge({ name: 'Lessor One' }).create()
    const two = await TenantFactory.merge({ name: 'Utility Two' }).create()
    await UserFactory.for(one).create()
    await UserFactory.for(two).create()
    const { password } = await createOperator()

    // Before the code, nothing opens.
    const first = await onOps(client, 'post', '/login').form({ email: 'ops@example.com', password })
    const halfway = await onOps(client, 'get', '/', first.session())
    halfway.assertHeader('location', '/login')
    const setup = await onOps(client, 'get', '/login/code', first.session()).withInertia()
    const secret = (setup.inertiaProps as { setup: { secret: string; qr: string } }).setup
    assert.match(secret.qr, /^data:image\/png;base64,/)
    const wrong = await onOps(client, 'post', '/login/code', setup.session()).form({
      code: '000000',
    })
    assert.property(wrong.flashMessages().inputErrorsBag ?? {}, 'code')

    const done = await onOps(client, 'post', '/login/code', setup.session()).form({
      code: totp.generate(secret.secret),
    })
    done.assertHeader('location', '/')
    const operator = await Operator.findByOrFail('email', 'ops@example.com')
    assert.isNotNull(operator.totpEnabledAt)

    const dashboard = await onOps(client, 'get', '/', done.session()).withInertia()
    dashboard.assertInertiaComponent('ops/dashboard')
    const tenants = (dashboard.inertiaProps as { tenants: { name: string; activeUsers: number }[] })
      .tenants
    assert.sameMembers(
      tenants.map((row) => row.name),
      ['Lessor One', 'Utility Two']
    )

    // A later login asks for a code of the enrolled app, not a new enrolment.
    const again = await onOps(client, 'post', '/login').form({ email: 'ops@example.com', password })
    const challenge = await onOps(client, 'get', '/login/code', again.session()).withInertia()
    assert.isNull((challenge.inertiaProps as { setup: unknown }).setup)

    // Logging out ends it.
    const out = await onOps(client, 'post', '/logout', done.session())
    out.assertHeader('location', '/login')
    const after = await onOps(client, 'get', '/', out.session())
    after.assertHeader('location', '/login')
  })

  test("an operator sees every tenant's jobs in bull-arena; changes must come from the same origin", async ({
    client,
    assert,
  }) => {
    const one = await TenantFactory.create()
    const two = await TenantFactory.create()
    const { password } = await createOperator()
    const { session } = await logInOperator(client, 'ops@example.com', password)
    const jobs = await Promise.all(
      [one, two].map((tenant) =>
        queue(CORE_QUEUES.maintenance).add(
          'probe',
          { tenantId: tenant.id },
          { jobId: `probe-${tenant.id}-${randomUUID()}`, delay: 3_600_000 }
        )
      )
    )

    const page = await onOps(client, 'get', '/queues/', session)
    page.assertStatus(200)
    assert.include(page.text(), 'maintenance')
    for (const job of jobs) {
      const detail = await onOps(
        client,
        'get',
        `/queues/portal/${CORE_QUEUES.maintenance}/${encodeURIComponent(job.id!)}?json=true`,
        session
      )
      detail.assertStatus(200)
      assert.include(detail.text(), job.id!)
    }

    const crossSite = await onOps(
      client,
      'post',
      `/queues/api/queue/portal/${CORE_QUEUES.maintenance}/job/bulk`,
      session
    )
      .header('Origin', 'null')
      .json({ action: 'remove', jobs: jobs.map((job) => job.id) })
    crossSite.assertStatus(403)
    assert.isDefined(await queue(CORE_QUEUES.maintenance).getJob(jobs[0].id!))
    await Promise.all(jobs.map((job) => job.remove()))
  }).timeout(30_000)

  test('Temporal UI answers behind the operator login only', async ({ client, assert }) => {
    const { password } = await createOperator()
    const anonymous = await onOps(client, 'get', '/temporal/')
    anonymous.assertHeader('location', '/login')
    const { session } = await logInOperator(client, 'ops@example.com', password)

    const ui = await onOps(client, 'get', '/temporal/', session)
    assert.oneOf(ui.status(), [200, 301, 302, 307, 308])
    const api = await onOps(client, 'get', '/temporal/api/v1/namespaces', session).header(
      'Accept',
      'application/json'
    )
    api.assertStatus(200)
    assert.include(api.text(), env.get('TEMPORAL_NAMESPACE'))
  }).timeout(30_000)

  test('operators are created with an ace command; a tenant cannot take the operator host', async ({
    assert,
  }) => {
    const created = await runAce([
      'operator:create',
      '--email',
      'New.Operator@Example.com',
      '--generate-password',
    ])
    assert.equal(created.code, 0, created.stderr)
    assert.include(created.stdout, 'Operator new.operator@example.com created.')
    const password = created.stdout.match(/Password \(shown once\): (\S+)/)![1]
    assert.isNotNull(await Operator.verifyCredentials('new.operator@example.com', password))

    const twice = await runAce([
      'operator:create',
      '--email',
      'new.operator@example.com',
      '--generate-password',
    ])
    assert.notEqual(twice.code, 0)

    const reserved = await runAce([
      'tenant:create',
      'ops',
      '--name',
      'Ops Ltd',
      '--admin',
      'a@example.com',
    ])
    assert.notEqual(reserved.code, 0)
    assert.include(reserved.stdout + reserved.stderr, 'kept for the platform')
  }).timeout(60_000)

  test("a tenant admin sees and retries their own tenant's failed e-mails, never another's", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const failed = async (tenantId: number, recipient: string) =>
      MailDelivery.create({
        key: `test.${randomUUID()}`,
        jobId: randomUUID(),
        tenantId,
        template: 'password_reset',
        recipient,
        locale: 'en',
        payload: encryption.encrypt({
          firstName: 'Ann',
          account: recipient,
          resetUrl: 'http://example.com/reset-password/x',
          validMinutes: 60,
        }),
        status: 'failed',
        attempts: 8,
        lastError: 'connect ECONNREFUSED 10.0.0.9:25',
      })
    const own = await failed(tenant.id, 'own@example.com')
    const foreign = await failed(other.id, 'foreign@example.com')
    const otherUser = await UserFactory.for(other).merge({ email: 'zipper@other.example' }).create()
    for (const [owner, tenantOf] of [
      [admin, tenant],
      [otherUser, other],
    ] as const) {
      await tenantContext.run(tenantOf.id, () =>
        Download.create({
          tenantId: tenantOf.id,
          userId: owner.id,
          documentIds: '[1,2]',
          status: 'failed',
          total: 2,
          done: 0,
          error: 'document 2 no longer matches its SHA-256\n    at writeZip',
          expiresAt: DateTime.now().plus({ hours: 72 }),
        })
      )
    }

    const page = await client
      .get('/admin/problems')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    const mails = (page.inertiaProps as { mails: { recipient: string }[] }).mails
    assert.deepEqual(
      mails.map((row) => row.recipient),
      ['own@example.com']
    )
    const zips = (
      page.inertiaProps as { zips: { user: string; documents: number; error: string }[] }
    ).zips
    assert.deepEqual(
      zips.map((row) => [row.user, row.documents, row.error]),
      [[admin.email, 2, 'document 2 no longer matches its SHA-256']]
    )

    const refused = await client
      .post(`/admin/problems/mails/${foreign.id}/retry`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(404)
    const retried = await client
      .post(`/admin/problems/mails/${own.id}/retry`)
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    retried.assertFlashMessage('success', 'The e-mail to own@example.com is on its way again.')
    const [mail] = await maildev.waitFor('own@example.com')
    assert.include(mail.subject, 'password')
    await foreign.refresh()
    assert.equal(foreign.status, 'failed')
  }).timeout(30_000)
})
