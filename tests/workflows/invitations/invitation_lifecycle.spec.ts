/** @spec IAM-8 */
import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import Invitation from '#models/invitation'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { InviteCustomer } from '#actions/identity/invite_customer'
import { tenantContext } from '#tenancy/tenant_context'
import { invitationWorkflows } from '#workflows/invitations/client'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { maildev } from '#tests/support/maildev'
import { sleep } from '#tests/support/workflows'
import { resetWorld } from '#tests/support/world'

/**
 * The invitation workflow as the app runs it: started by InviteCustomer on
 * the suite's worker with the real activities, the period being the
 * tenant's (two seconds here).
 */
function invite(tenant: Tenant, admin: User, email: string): Promise<Invitation> {
  return tenantContext.run(tenant.id, () =>
    new InviteCustomer(tenant, i18nManager.locale('en')).handle({ email }, admin)
  )
}

async function reload(tenant: Tenant, invitation: Invitation): Promise<Invitation> {
  return tenantContext.run(tenant.id, () => Invitation.findOrFail(invitation.id))
}

async function statusOf(tenant: Tenant, invitation: Invitation): Promise<Invitation['status']> {
  const fresh = await reload(tenant, invitation)
  return fresh.status
}

test.group('Workflows / invitation as the app runs it', (group) => {
  resetWorld(group)

  test('an unanswered invitation is mailed, stays valid for the period, then expires', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ invitationTtlSeconds: 2 }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const invitation = await invite(tenant, admin, 'nina@example.com')

    await maildev.waitFor('nina@example.com')
    assert.equal(await statusOf(tenant, invitation), 'pending')
    assert.equal(await invitationWorkflows.result(invitation.workflowId), 'expired')
    const expired = await reload(tenant, invitation)
    assert.equal(expired.status, 'expired')
    assert.isNotNull(expired.closedAt)
  })

  test('inviting again voids the first link at once; the new link gets a full period from the resend', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ invitationTtlSeconds: 2 }).create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    const first = await invite(tenant, admin, 'nina@example.com')
    await sleep(1200)
    const second = await invite(tenant, admin, 'nina@example.com')

    assert.equal(await invitationWorkflows.result(first.workflowId), 'voided')
    assert.equal(await statusOf(tenant, first), 'voided')
    // Past the first link's deadline, the new one is still valid.
    await sleep(1300)
    assert.equal(await statusOf(tenant, second), 'pending')
    assert.equal(await invitationWorkflows.state(second.workflowId), 'waiting')

    assert.equal(await invitationWorkflows.result(second.workflowId), 'expired')
    assert.equal(await statusOf(tenant, second), 'expired')
    // The voided link was never turned into an expired one.
    assert.equal(await statusOf(tenant, first), 'voided')
    assert.lengthOf(await maildev.waitFor('nina@example.com', { count: 2 }), 2)
  })
})
