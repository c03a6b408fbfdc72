/** @spec IAM-8 */
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import { MockActivityEnvironment } from '@temporalio/testing'
import Invitation from '#models/invitation'
import MailDelivery from '#models/mail_delivery'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import { MailOutbox } from '#services/mail_outbox'
import { tenantContext } from '#tenancy/tenant_context'
import { createInvitationActivities } from '#workflows/invitations/activities'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { maildev } from '#tests/support/maildev'
import { sleep } from '#tests/support/workflows'
import { resetWorld } from '#tests/support/world'

/**
 * The invitation workflow's activities alone (MockActivityEnvironment), on
 * the real database, outbox and mail worker: a retry must neither mail twice
 * nor change a link the user may already hold.
 */
async function invitationOf(tenant: Tenant, user: User, status: Invitation['status']) {
  return tenantContext.run(tenant.id, () =>
    Invitation.create({
      userId: user.id,
      status,
      workflowId: 'not-started',
      expiresAt: DateTime.now().plus({ days: 5 }),
    })
  )
}

async function reload(tenant: Tenant, invitation: Invitation) {
  return tenantContext.run(tenant.id, () => Invitation.findOrFail(invitation.id))
}

async function tokenHashOf(tenant: Tenant, invitation: Invitation) {
  const fresh = await reload(tenant, invitation)
  return fresh.tokenHash
}

test.group('Workflows / invitation activities', (group) => {
  resetWorld(group)
  const activities = createInvitationActivities({ outbox: new MailOutbox() })

  test('the invitation e-mail goes out once with an activation link, however often the activity is retried', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant)
      .apply('invited')
      .merge({ email: 'nina@example.com', locale: 'fr', firstName: 'Nina' })
      .create()
    const invitation = await invitationOf(tenant, user, 'pending')
    const ref = { tenantId: tenant.id, invitationId: invitation.id }
    const env = new MockActivityEnvironment()

    assert.equal(await env.run(activities.sendInvitationEmail, ref), 'queued')
    const tokenHash = await tokenHashOf(tenant, invitation)
    assert.isString(tokenHash)
    assert.equal(await env.run(activities.sendInvitationEmail, ref), 'queued')

    const [mail] = await maildev.waitFor('nina@example.com')
    assert.match(mail.text, new RegExp(`${tenant.slug}\\.[^/]+(:\\d+)?/activate/[\\w-]+`))
    await sleep(500)
    assert.lengthOf(await maildev.sentTo('nina@example.com'), 1)
    // The retry kept the token of the link already sent.
    assert.equal(await tokenHashOf(tenant, invitation), tokenHash)
    const deliveries = await MailDelivery.query().where('key', `invitation.${invitation.id}`)
    assert.lengthOf(deliveries, 1)
  })

  test('an invitation no longer pending is not mailed', async ({ assert }) => {
    const tenant = await TenantFactory.create()
    const user = await UserFactory.for(tenant)
      .apply('invited')
      .merge({ email: 'late@example.com' })
      .create()
    const invitation = await invitationOf(tenant, user, 'voided')
    const env = new MockActivityEnvironment()
    const sent = await env.run(activities.sendInvitationEmail, {
      tenantId: tenant.id,
      invitationId: invitation.id,
    })
    assert.equal(sent, 'skipped')
    await sleep(500)
    assert.lengthOf(await maildev.sentTo('late@example.com'), 0)
    assert.isNull(await tokenHashOf(tenant, invitation))
  })

  test('at the deadline a pending link expires; an accepted one stays accepted', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const waiting = await invitationOf(
      tenant,
      await UserFactory.for(tenant).apply('invited').create(),
      'pending'
    )
    const accepted = await invitationOf(tenant, await UserFactory.for(tenant).create(), 'accepted')
    const env = new MockActivityEnvironment()

    const expired = await env.run(activities.expireInvitation, {
      tenantId: tenant.id,
      invitationId: waiting.id,
    })
    assert.equal(expired, 'expired')
    const row = await reload(tenant, waiting)
    assert.equal(row.status, 'expired')
    assert.isNotNull(row.closedAt)

    const kept = await env.run(activities.expireInvitation, {
      tenantId: tenant.id,
      invitationId: accepted.id,
    })
    assert.equal(kept, 'accepted')
    const unchanged = await reload(tenant, accepted)
    assert.equal(unchanged.status, 'accepted')
  })
})
