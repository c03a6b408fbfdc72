/** @spec IAM-2 IAM-3 */
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import { MockActivityEnvironment } from '@temporalio/testing'
import EmailCode from '#models/email_code'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { MailOutbox } from '#services/mail_outbox'
import { tenantContext } from '#tenancy/tenant_context'
import { createEmailCodeActivities } from '#workflows/email_codes/activities'
import type { EmailCodePurpose } from '#workflows/email_codes/config'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { waitForCode } from '#tests/support/two_step'
import { resetWorld } from '#tests/support/world'

/**
 * The e-mail code workflow's activities alone (MockActivityEnvironment), on
 * the real database, outbox and mail worker: the code reaches the address,
 * only that code proves it, and a dead code stays dead.
 */
async function codeRow(tenant: Tenant, user: User, purpose: EmailCodePurpose, email: string) {
  return tenantContext.run(tenant.id, () =>
    EmailCode.create({
      userId: user.id,
      purpose,
      email,
      attempts: 0,
      status: 'pending',
      workflowId: 'not-started',
      expiresAt: DateTime.now().plus({ minutes: 15 }),
    })
  )
}

function reload<Row extends EmailCode | User>(tenant: Tenant, row: Row): Promise<Row> {
  return tenantContext.run(tenant.id, async () => {
    await row.refresh()
    return row
  })
}

test.group('Workflows / e-mail code activities', (group) => {
  resetWorld(group)
  const activities = createEmailCodeActivities({ outbox: new MailOutbox() })

  test('the code mailed to the new recovery address verifies it; a wrong code only counts an attempt', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const row = await codeRow(tenant, user, 'recovery_email', 'backup@example.com')
    const ref = { tenantId: tenant.id, emailCodeId: row.id }
    const env = new MockActivityEnvironment()

    assert.equal(await env.run(activities.sendEmailCode, ref), 'queued')
    const code = await waitForCode('backup@example.com')
    const wrong = code === '000000' ? '000001' : '000000'

    assert.equal(await env.run(activities.checkEmailCode, ref, wrong), 'wrong')
    const counted = await reload(tenant, row)
    assert.equal(counted.attempts, 1)
    const unchanged = await reload(tenant, user)
    assert.isNull(unchanged.recoveryEmail)

    assert.equal(await env.run(activities.checkEmailCode, ref, code), 'verified')
    const used = await reload(tenant, row)
    assert.equal(used.status, 'verified')
    const verified = await reload(tenant, user)
    assert.equal(verified.recoveryEmail, 'backup@example.com')
    assert.isNotNull(verified.recoveryEmailVerifiedAt)
    // Used once: the same code does not prove anything a second time.
    assert.equal(await env.run(activities.checkEmailCode, ref, code), 'wrong')
  })

  test('a lost-device code removes the old authenticator so a new one can be enrolled', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).merge({ email: 'lost@example.com' }).create()
    await tenantContext.run(tenant.id, () =>
      user.merge({ totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: DateTime.now() }).save()
    )
    const row = await codeRow(tenant, user, 'lost_device', 'lost@example.com')
    const ref = { tenantId: tenant.id, emailCodeId: row.id }
    const env = new MockActivityEnvironment()

    await env.run(activities.sendEmailCode, ref)
    const code = await waitForCode('lost@example.com')
    assert.equal(await env.run(activities.checkEmailCode, ref, code), 'verified')
    const reset = await reload(tenant, user)
    assert.isNull(reset.totpSecret)
    assert.isNull(reset.totpEnabledAt)
  })

  test('an expired code is closed and its code no longer verifies; a verified code is not closed', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const env = new MockActivityEnvironment()

    const stale = await codeRow(tenant, user, 'recovery_email', 'stale@example.com')
    const staleRef = { tenantId: tenant.id, emailCodeId: stale.id }
    await env.run(activities.sendEmailCode, staleRef)
    const code = await waitForCode('stale@example.com')
    await env.run(activities.closeEmailCode, staleRef, 'expired' as const)
    const closed = await reload(tenant, stale)
    assert.equal(closed.status, 'expired')
    assert.equal(await env.run(activities.checkEmailCode, staleRef, code), 'wrong')
    const unchanged = await reload(tenant, user)
    assert.isNull(unchanged.recoveryEmail)

    const done = await codeRow(tenant, user, 'recovery_email', 'done@example.com')
    await tenantContext.run(tenant.id, () => done.merge({ status: 'verified' }).save())
    const doneRef = { tenantId: tenant.id, emailCodeId: done.id }
    await env.run(activities.closeEmailCode, doneRef, 'expired' as const)
    const kept = await reload(tenant, done)
    assert.equal(kept.status, 'verified')
  })
})
