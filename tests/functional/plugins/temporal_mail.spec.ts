import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ScheduleNotFoundError } from '@temporalio/client'
import ActivityEvent from '#models/activity_event'
import MailDelivery from '#models/mail_delivery'
import type Tenant from '#models/tenant'
import { PluginService } from '#plugins/plugin_service'
import { scheduleId } from '#plugins/schedules'
import { tenantContext } from '#tenancy/tenant_context'
import { temporal } from '#workflows/temporal'
import { resetWorld } from '#tests/support/world'
import { maildev } from '#tests/support/maildev'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { runAce } from '#tests/support/processes'

/**
 * The fixture plugin's Temporal Schedule (`digest`, daily at 07:00) and its
 * workflow, whose activity mails through the core's services object with the
 * plugin's own e-mail template (`hello_welcome`).
 */
async function inTenant<T>(tenant: Tenant, work: (plugins: PluginService) => Promise<T>) {
  const plugins = await app.container.make(PluginService)
  return tenantContext.run(tenant.id, () => work(plugins))
}

async function describeSchedule(tenant: Tenant) {
  const client = await temporal.client()
  return client.schedule.getHandle(scheduleId('hello', 'digest', tenant.id)).describe()
}

async function isPaused(tenant: Tenant): Promise<boolean> {
  const described = await describeSchedule(tenant)
  return described.state.paused
}

async function waitFor<T>(read: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((wake) => setTimeout(wake, 200))
  }
}

test.group('Plugin contract / Temporal schedules', (group) => {
  resetWorld(group)

  test("enabling creates the tenant's schedule (once), disabling pauses it, purging deletes it", async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    await inTenant(tenant, (plugins) => plugins.enable('hello'))
    await inTenant(tenant, (plugins) => plugins.enable('hello'))

    const running = await describeSchedule(tenant)
    assert.isFalse(running.state.paused)
    assert.equal(running.action.type, 'startWorkflow')
    const action = running.action as any
    assert.equal(action.workflowType, 'helloDigestWorkflow')
    assert.equal(action.workflowId, `hello-digest-t${tenant.id}`)
    assert.deepEqual(action.args, [{ v: 1, tenantId: tenant.id, greeting: 'Good morning' }])
    assert.equal(running.spec.timezone, 'Europe/Brussels')

    await inTenant(tenant, (plugins) => plugins.disable('hello'))
    assert.isTrue(await isPaused(tenant))

    await inTenant(tenant, (plugins) => plugins.enable('hello'))
    assert.isFalse(await isPaused(tenant))

    const purged = await runAce(['plugin:purge', 'hello', '--tenant', tenant.slug, '--force'])
    assert.equal(purged.code, 0, purged.stdout + purged.stderr)
    await assert.rejects(() => describeSchedule(tenant), ScheduleNotFoundError)
  }).timeout(120_000)

  test("a scheduled run mails through the core's outbox with the plugin's template, once per day", async ({
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Greeters', defaultLocale: 'nl' }).create()
    await inTenant(tenant, (plugins) =>
      plugins.enable('hello', { notify: { enabled: true, email: 'ops@greeters.example' } })
    )
    const client = await temporal.client()
    const handle = client.schedule.getHandle(scheduleId('hello', 'digest', tenant.id))
    await handle.trigger()

    const [mail] = await maildev.waitFor('ops@greeters.example')
    assert.equal(mail.subject, 'Good morning van Greeters')
    assert.include(mail.text, 'Good morning, ops@greeters.example!')

    const delivery = await waitFor(() =>
      tenantContext.run(tenant.id, () =>
        MailDelivery.query().where('template', 'hello_welcome').where('status', 'sent').first()
      )
    )
    assert.match(delivery.key, /^hello\.digest\./)
    const [event] = await tenantContext.run(tenant.id, () =>
      ActivityEvent.query().where('type', 'plugin.event')
    )
    assert.include(event.details!, '"event":"digest_sent"')

    // A second run the same day sends nothing more.
    await handle.trigger()
    await new Promise((wake) => setTimeout(wake, 3000))
    const deliveries = await tenantContext.run(tenant.id, () =>
      MailDelivery.query().where('template', 'hello_welcome')
    )
    assert.lengthOf(deliveries, 1)
  }).timeout(120_000)
})

test.group('Plugin contract / e-mail templates', (group) => {
  resetWorld(group)

  test("a plugin's e-mail is on the admin's templates page of tenants that enabled it, with its texts and preview", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Greeters' }).create()
    const admin = await UserFactory.for(tenant).apply('admin').merge({ locale: 'fr' }).create()
    const listed = async () => {
      const page = await client
        .get('/admin/mail-templates')
        .forTenant(tenant.slug)
        .loginAs(admin)
        .withInertia()
      return ((page.inertiaProps as any).templates as any[]).find(
        (row) => row.name === 'hello_welcome'
      )
    }
    assert.isUndefined(await listed())

    await inTenant(tenant, (plugins) => plugins.enable('hello'))
    const row = await listed()
    assert.include(row, { label: 'Salutation' })
    assert.include(row.purpose, 'salutation est enregistrée')

    const editor = await client
      .get('/admin/mail-templates/hello_welcome/fr')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withInertia()
    editor.assertStatus(200)
    const template = (editor.inertiaProps as any).editing
    assert.equal(template.subject, '{{ greeting }} de la part de {{ tenantName }}')
    assert.deepInclude(template.variables, {
      name: 'greeting',
      description: 'La salutation',
      sample: 'Hello',
    })

    const preview = await client
      .post('/admin/mail-templates/hello_welcome/fr/preview')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .withCsrfToken()
      .header('Accept', 'application/json')
      .json({ subject: '{{ greeting }} {{ name }}', body: '<p>{{ greeting }}, {{ name }}</p>' })
    preview.assertStatus(200)
    assert.equal(preview.body().subject, 'Hello Marie')
  })
})
