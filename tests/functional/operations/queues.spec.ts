import { test } from '@japa/runner'
import { truncateAll } from '#tests/support/database'
import { createTenant, createUser } from '#tests/support/factories'

test.group('Operations / bull-arena', (group) => {
  group.each.setup(() => truncateAll())

  test('anonymous visitors are sent to the login page', async ({ client }) => {
    const tenant = await createTenant()
    const response = await client.get('/admin/queues').forTenant(tenant.slug).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('customers and staff get 403, in their language', async ({ client, assert }) => {
    const tenant = await createTenant()
    const customer = await createUser(tenant, { role: 'customer', locale: 'nl' })
    const staff = await createUser(tenant, { role: 'staff' })

    const asCustomer = await client.get('/admin/queues').forTenant(tenant.slug).loginAs(customer)
    asCustomer.assertStatus(403)
    assert.include(asCustomer.text(), 'Je hebt geen toegang tot deze pagina')

    const asStaff = await client.get('/admin/queues').forTenant(tenant.slug).loginAs(staff)
    asStaff.assertStatus(403)
  })

  test('tenant admins see the queues dashboard with the mail queue', async ({ client, assert }) => {
    const tenant = await createTenant()
    const admin = await createUser(tenant, { role: 'admin' })
    const response = await client.get('/admin/queues/').forTenant(tenant.slug).loginAs(admin)
    response.assertStatus(200)
    assert.include(response.text(), 'mail')
    assert.include(response.text(), 'Arena')
  })

  test('state-changing calls from another origin are refused', async ({ client }) => {
    const tenant = await createTenant()
    const admin = await createUser(tenant, { role: 'admin' })
    const response = await client
      .post('/admin/queues/api/queue/portal/mail/job/bulk')
      .forTenant(tenant.slug)
      .loginAs(admin)
      .header('Origin', 'https://evil.example')
      .json({ action: 'remove', jobs: [] })
    response.assertStatus(403)
  })
})
