/** @spec TEN-1 */
import { test } from '@japa/runner'
import Tenant from '#models/tenant'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { maildev } from '#tests/support/maildev'
import { runAce } from '#tests/support/processes'

async function tenantBySlug(slug: string) {
  return tenantContext.runUnscoped('test', () => Tenant.findBy('slug', slug))
}

test.group('Operations / tenant:create', (group) => {
  resetWorld(group)

  test('creates the tenant and its administrator, who is mailed a link to choose a password', async ({
    assert,
  }) => {
    const cli = await runAce([
      'tenant:create',
      'brightside',
      '--name',
      'Brightside Leasing',
      '--admin',
      'Ops@Brightside.example',
      '--locale',
      'fr',
      '--host',
      'portail.brightside.be',
      '--seats',
      '50',
    ])
    assert.equal(cli.code, 0, cli.stdout + cli.stderr)
    assert.include(cli.stdout, 'Tenant "brightside" created')

    const tenant = await tenantBySlug('brightside')
    assert.isNotNull(tenant)
    assert.equal(tenant!.name, 'Brightside Leasing')
    assert.equal(tenant!.defaultLocale, 'fr')
    assert.equal(tenant!.customHost, 'portail.brightside.be')
    assert.equal(tenant!.seatLimit, 50)
    const admin = await tenantContext.run(tenant!.id, () =>
      User.findByOrFail('email', 'ops@brightside.example')
    )
    assert.equal(admin.role, 'admin')
    assert.equal(admin.status, 'active')

    const [mail] = await maildev.waitFor('ops@brightside.example')
    assert.match(
      mail.html,
      /href="http:\/\/portail\.brightside\.be:\d+\/reset-password\/[A-Za-z0-9_-]+"/
    )
  }).timeout(60_000)

  test('refuses a taken slug, a bad address and a platform host; nothing is created', async ({
    assert,
  }) => {
    await TenantFactory.merge({ slug: 'taken' }).create()
    const taken = await runAce(['tenant:create', 'taken', '--name', 'X', '--admin', 'a@b.example'])
    assert.equal(taken.code, 1)
    assert.include(taken.stdout + taken.stderr, 'a tenant "taken" exists already')

    const bad = await runAce(['tenant:create', 'Not A Slug', '--name', 'X', '--admin', 'nobody'])
    assert.equal(bad.code, 1)
    assert.include(bad.stdout + bad.stderr, 'lower-case letters')
    assert.include(bad.stdout + bad.stderr, 'is not an e-mail address')

    const host = await runAce([
      'tenant:create',
      'fresh',
      '--name',
      'Fresh',
      '--admin',
      'a@fresh.example',
      '--host',
      '10.0.0.1',
    ])
    assert.equal(host.code, 1)
    assert.include(host.stdout + host.stderr, 'ip_address')
    assert.isNull(await tenantBySlug('fresh'))
  }).timeout(60_000)
})
