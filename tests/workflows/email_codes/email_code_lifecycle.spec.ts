/** @spec IAM-2 IAM-3 */
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import EmailCode from '#models/email_code'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { EmailCodes } from '#actions/identity/email_codes'
import { tenantContext } from '#tenancy/tenant_context'
import { emailCodeWorkflows } from '#workflows/email_codes/client'
import { emailCodeWorkflowId } from '#workflows/email_codes/config'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { waitForCode } from '#tests/support/two_step'
import { resetWorld } from '#tests/support/world'

/**
 * The e-mail code workflow as the app runs it: on the suite's worker with
 * the real activities; what the user then gets from EmailCodes.submit.
 */
async function statusOf(tenant: Tenant, row: EmailCode): Promise<EmailCode['status']> {
  const fresh = await tenantContext.run(tenant.id, () => EmailCode.findOrFail(row.id))
  return fresh.status
}

/** A code row and its workflow, valid for `ttlMs` (the caller's period, passed short). */
async function startCode(tenant: Tenant, user: User, email: string, ttlMs: number) {
  const row = await tenantContext.run(tenant.id, async () => {
    const created = await EmailCode.create({
      userId: user.id,
      purpose: 'recovery_email',
      email,
      attempts: 0,
      status: 'pending',
      workflowId: 'pending',
      expiresAt: DateTime.now().plus({ milliseconds: ttlMs }),
    })
    created.workflowId = emailCodeWorkflowId(tenant.id, created.id)
    return created.save()
  })
  await emailCodeWorkflows.start({
    tenantId: tenant.id,
    emailCodeId: row.id,
    ttlMs,
    maxAttempts: 5,
  })
  return row
}

test.group('Workflows / e-mail code as the app runs it', (group) => {
  resetWorld(group)

  test('a code typed too late is refused as expired and proves nothing', async ({ assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const row = await startCode(tenant, user, 'backup@example.com', 1500)
    const code = await waitForCode('backup@example.com')

    assert.equal(await emailCodeWorkflows.result(row.workflowId), 'expired')
    assert.equal(await statusOf(tenant, row), 'expired')
    const verdict = await tenantContext.run(tenant.id, () =>
      EmailCodes.submit(user, 'recovery_email', code)
    )
    assert.deepEqual(verdict, { outcome: 'expired' })
    await tenantContext.run(tenant.id, () => user.refresh())
    assert.isNull(user.recoveryEmail)
  })

  test('a cancelled code ends at once without waiting for its expiry; its code no longer works', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const row = await startCode(tenant, user, 'backup@example.com', 60_000)
    const code = await waitForCode('backup@example.com')
    const cancelledAt = Date.now()

    await tenantContext.run(tenant.id, () => EmailCodes.cancel(row))
    assert.equal(await emailCodeWorkflows.result(row.workflowId), 'replaced')
    assert.isBelow(Date.now() - cancelledAt, 30_000)
    assert.equal(await statusOf(tenant, row), 'replaced')
    const verdict = await tenantContext.run(tenant.id, () =>
      EmailCodes.submit(user, 'recovery_email', code)
    )
    assert.deepEqual(verdict, { outcome: 'replaced' })
  })

  test('a code typed in time verifies the address through the workflow', async ({ assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant).create()
    const row = await startCode(tenant, user, 'backup@example.com', 60_000)
    const code = await waitForCode('backup@example.com')

    const verdict = await tenantContext.run(tenant.id, () =>
      EmailCodes.submit(user, 'recovery_email', code)
    )
    assert.deepEqual(verdict, { outcome: 'verified' })
    assert.equal(await emailCodeWorkflows.result(row.workflowId), 'verified')
    await tenantContext.run(tenant.id, () => user.refresh())
    assert.equal(user.recoveryEmail, 'backup@example.com')
  })
})
