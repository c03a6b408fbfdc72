import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import CustomerNumberShare from '#models/customer_number_share'
import SharedUser from '#models/shared_user'
import { tenantContext } from '#tenancy/tenant_context'
import { truncateAll } from '#tests/support/database'
import { createTenant, createUser } from '#tests/support/factories'
import { createCustomer } from '#tests/support/accounts'
import { createDocument } from '#tests/support/documents'

interface Row {
  id: number
  number: string | null
  title: string
  amount: number | null
  unread: boolean
  customerNumber: string
}

async function list(client: ApiClient, tenant: Tenant, user: User, query = '') {
  const page = await client
    .get(`/documents${query}`)
    .forTenant(tenant.slug)
    .loginAs(user)
    .withInertia()
  return page.inertiaProps as { documents: Row[]; next: string | null; previous: string | null }
}

async function documentsOf(client: ApiClient, tenant: Tenant, user: User, query = '') {
  const page = await list(client, tenant, user, query)
  return page.documents
}

async function titlesOf(client: ApiClient, tenant: Tenant, user: User, query = '') {
  const rows = await documentsOf(client, tenant, user, query)
  return rows.map((row) => row.title)
}

async function firstUnread(client: ApiClient, tenant: Tenant, user: User) {
  const rows = await documentsOf(client, tenant, user)
  return rows[0].unread
}

test.group('Documents / list (DOC-2)', (group) => {
  group.each.setup(() => truncateAll())

  test('each user sees the documents of the numbers they reach; staff see all', async ({
    client,
    assert,
  }) => {
    const tenant = await createTenant()
    const main = await createUser(tenant)
    const shared = await createUser(tenant)
    const stranger = await createUser(tenant)
    const staff = await createUser(tenant, { role: 'staff' })
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001', 'DL2000002'], main)
    await createCustomer(tenant, 'Other', ['DL2000003'], stranger)
    await tenantContext.run(tenant.id, async () => {
      await SharedUser.create({ tenantId: tenant.id, ownerId: main.id, userId: shared.id })
      await CustomerNumberShare.create({
        tenantId: tenant.id,
        customerNumberId: numbers[0].id,
        userId: shared.id,
      })
    })
    const first = await createDocument(tenant, numbers[0].id, { title: 'First number' })
    await createDocument(tenant, numbers[1].id, { title: 'Second number' })

    assert.sameMembers(await titlesOf(client, tenant, main), ['First number', 'Second number'])
    assert.deepEqual(await titlesOf(client, tenant, shared), ['First number'])
    assert.deepEqual(await documentsOf(client, tenant, stranger), [])
    assert.lengthOf(await documentsOf(client, tenant, staff), 2)

    const denied = await client
      .get(`/documents/${first.id}`)
      .forTenant(tenant.slug)
      .loginAs(stranger)
    denied.assertStatus(404)
    const otherTenant = await createTenant()
    const outsider = await createUser(otherTenant)
    const cross = await client
      .get(`/documents/${first.id}`)
      .forTenant(otherTenant.slug)
      .loginAs(outsider)
    cross.assertStatus(404)
  })

  test('a document stays unread for each user until that user opens it', async ({
    client,
    assert,
  }) => {
    const tenant = await createTenant()
    const main = await createUser(tenant)
    const shared = await createUser(tenant)
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], main)
    await tenantContext.run(tenant.id, () =>
      CustomerNumberShare.create({
        tenantId: tenant.id,
        customerNumberId: numbers[0].id,
        userId: shared.id,
      })
    )
    const document = await createDocument(tenant, numbers[0].id)

    assert.isTrue(await firstUnread(client, tenant, main))
    const opened = await client
      .get(`/documents/${document.id}`)
      .forTenant(tenant.slug)
      .loginAs(main)
      .withInertia()
    opened.assertInertiaComponent('portal/document')
    assert.isFalse(await firstUnread(client, tenant, main))
    assert.isTrue(await firstUnread(client, tenant, shared))

    const history = (opened.inertiaProps as { history: { action: string }[] }).history
    assert.deepEqual(
      history.map((event) => event.action),
      ['viewed']
    )
  })

  test('filters: period, number, type, amount range, description; newest first by default', async ({
    client,
    assert,
  }) => {
    const tenant = await createTenant()
    const main = await createUser(tenant)
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], main)
    const n = numbers[0].id
    await createDocument(tenant, n, {
      number: 'INV-100',
      title: 'January rent',
      issueDate: '2026-01-10',
      amountCents: 50000,
    })
    await createDocument(tenant, n, {
      number: 'INV-101',
      title: 'February rent',
      issueDate: '2026-02-10',
      amountCents: 75000,
    })
    await createDocument(tenant, n, {
      number: 'CN-7',
      type: 'credit_note',
      title: 'Refund',
      issueDate: '2026-03-01',
      amountCents: -2000,
    })
    await createDocument(tenant, n, {
      number: 'INV-200',
      title: '100% discount [test]',
      issueDate: '2026-04-01',
      amountCents: 0,
    })

    const titles = (query: string) => titlesOf(client, tenant, main, query)
    assert.deepEqual(await titles(''), [
      '100% discount [test]',
      'Refund',
      'February rent',
      'January rent',
    ])
    assert.deepEqual(await titles('?from=2026-02-01&to=2026-03-31'), ['Refund', 'February rent'])
    assert.deepEqual(await titles('?number=INV-10'), ['February rent', 'January rent'])
    assert.deepEqual(await titles('?type=credit_note'), ['Refund'])
    assert.deepEqual(await titles('?amountMin=100&amountMax=600'), ['January rent'])
    assert.deepEqual(await titles('?q=RENT'), ['February rent', 'January rent'])
    // The user's % is a character, not a wildcard.
    assert.deepEqual(await titles('?q=100%25'), ['100% discount [test]'])
    assert.deepEqual(await titles('?sort=amount&dir=asc'), [
      'Refund',
      '100% discount [test]',
      'January rent',
      'February rent',
    ])
  })

  test('pages follow one another without gaps or repeats in every sort, empty values last', async ({
    client,
    assert,
  }) => {
    const tenant = await createTenant()
    const main = await createUser(tenant)
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], main)
    for (let index = 0; index < 120; index++) {
      await createDocument(tenant, numbers[0].id, {
        number: index % 10 === 0 ? null : `INV-${String(index % 37).padStart(3, '0')}`,
        issueDate: `2026-0${1 + (index % 9)}-1${index % 10}`,
        amountCents: index % 7 === 0 ? null : (index % 13) * 1000,
      })
    }
    for (const [sort, dir] of [
      ['date', 'desc'],
      ['amount', 'asc'],
      ['number', 'desc'],
      ['amount', 'desc'],
    ] as const) {
      const seen: Row[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = `?sort=${sort}&dir=${dir}${cursor ? `&after=${cursor}` : ''}`
        const page = await list(client, tenant, main, query)
        seen.push(...page.documents)
        cursor = page.next
        pages++
      } while (cursor && pages < 10)
      assert.lengthOf(seen, 120, `${sort} ${dir}`)
      assert.lengthOf(new Set(seen.map((row) => row.id)), 120, `${sort} ${dir} repeats`)
      if (sort === 'amount') {
        const values = seen.map((row) => row.amount)
        const firstNull = values.indexOf(null)
        assert.isTrue(
          values.slice(firstNull).every((value) => value === null),
          'nulls last'
        )
        const present = values.slice(0, firstNull) as number[]
        assert.deepEqual(
          present,
          [...present].sort((a, b) => (dir === 'asc' ? a - b : b - a))
        )
      }
    }

    // Going back from page 2 gives page 1 again.
    const page1 = await list(client, tenant, main, '?sort=amount&dir=asc')
    const page2 = await list(client, tenant, main, `?sort=amount&dir=asc&after=${page1.next}`)
    const back = await list(client, tenant, main, `?sort=amount&dir=asc&before=${page2.previous}`)
    assert.deepEqual(
      back.documents.map((row) => row.id),
      page1.documents.map((row) => row.id)
    )
  }).timeout(60_000)

  test('the CSV of a document neutralises cells a spreadsheet would run', async ({
    client,
    assert,
  }) => {
    const tenant = await createTenant()
    const main = await createUser(tenant)
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], main)
    const document = await createDocument(tenant, numbers[0].id, {
      title: '=HYPERLINK("http://evil")',
      number: 'INV-1',
    })
    const csv = await client
      .get(`/documents/${document.id}/csv`)
      .forTenant(tenant.slug)
      .loginAs(main)
    csv.assertStatus(200)
    assert.include(csv.text(), `"'=HYPERLINK(""http://evil"")"`)
    assert.include(csv.header('content-disposition'), 'document-INV-1.csv')
  })
})
