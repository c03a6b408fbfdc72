/** @spec TEN-1 */
import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { MissingTenantScopeError } from '#tenancy/with_tenant_scope'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'

test.group('Tenancy / query scope', (group) => {
  resetWorld(group)

  test('queries on tenant data only see the tenant in scope', async ({ assert }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    const anna = await UserFactory.for(a).create()
    const bob = await UserFactory.for(b).create()

    const inA = await tenantContext.run(a.id, () => User.query().orderBy('id'))
    assert.deepEqual(
      inA.map((user) => user.id),
      [anna.id]
    )
    assert.isNull(await tenantContext.run(a.id, () => User.find(bob.id)))
    const page = await tenantContext.run(b.id, () => User.query().paginate(1, 10))
    assert.deepEqual(
      page.all().map((user) => user.id),
      [bob.id]
    )
    assert.equal(page.total, 1)
  })

  test('a query on tenant data outside any scope is refused', async ({ assert }) => {
    await assert.rejects(() => User.query().first(), MissingTenantScopeError)
  })

  test('a row of another tenant cannot be created in a scope', async ({ assert }) => {
    const a = await TenantFactory.create()
    const b = await TenantFactory.create()
    await assert.rejects(
      () =>
        tenantContext.run(a.id, () =>
          User.create({
            tenantId: b.id,
            email: 'x@example.com',
            role: 'customer',
            status: 'invited',
          })
        ),
      /Refusing to create/
    )
  })
})
