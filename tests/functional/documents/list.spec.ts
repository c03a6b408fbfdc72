/** @spec DOC-2 */
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import CustomerNumberShare from '#models/customer_number_share'
import DocumentGrant from '#models/document_grant'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'
import { createCustomer, shareNumbers } from '#tests/support/accounts'
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
  resetWorld(group)

  test('each user sees the documents of the numbers they reach; staff see all', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const shared = await UserFactory.for(tenant).create()
    const stranger = await UserFactory.for(tenant).create()
    const staff = await UserFactory.for(tenant).apply('staff').create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001', 'DL2000002'], main)
    await createCustomer(tenant, 'Other', ['DL2000003'], stranger)
    await shareNumbers(tenant, main, shared, [numbers[0]])
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
    const otherTenant = await TenantFactory.create()
    const outsider = await UserFactory.for(otherTenant).create()
    const cross = await client
      .get(`/documents/${first.id}`)
      .forTenant(otherTenant.slug)
      .loginAs(outsider)
    cross.assertStatus(404)
  })

  test('the customer number filter keeps one of the numbers the user reaches; of another number only what was granted', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const stranger = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001', 'DL2000002'], main)
    const other = await createCustomer(tenant, 'Other', ['DL2000003'], stranger)
    await createDocument(tenant, numbers[0].id, { title: 'First number' })
    await createDocument(tenant, numbers[1].id, { title: 'Second number' })
    await createDocument(tenant, other.numbers[0].id, { title: 'Not shared' })
    const granted = await createDocument(tenant, other.numbers[0].id, { title: 'Granted' })
    await tenantContext.run(tenant.id, () =>
      DocumentGrant.create({
        tenantId: tenant.id,
        documentId: granted.id,
        subjectType: 'user',
        subjectId: main.id,
        canRead: true,
        canUpdate: false,
        canDelete: false,
        canChangeSecurity: false,
      })
    )

    const titles = (query: string) => titlesOf(client, tenant, main, query)
    assert.sameMembers(await titles(''), ['First number', 'Second number', 'Granted'])
    assert.deepEqual(await titles(`?customerNumber=${numbers[0].id}`), ['First number'])
    assert.deepEqual(await titles(`?customerNumber=${numbers[1].id}`), ['Second number'])
    assert.deepEqual(await titles(`?customerNumber=${other.numbers[0].id}`), ['Granted'])
    assert.deepEqual(
      await titlesOf(client, tenant, stranger, `?customerNumber=${numbers[0].id}`),
      []
    )
  })

  test('a document stays unread for each user until that user opens it', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const shared = await UserFactory.for(tenant).create()
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
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
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
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
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

  test('a number prefix lists all its documents in order, whether it matches thousands or a few', async ({
    client,
    assert,
    cleanup,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
    const other = await UserFactory.for(tenant).create()
    const { numbers } = await createCustomer(tenant, 'Lease One', ['DL2000001'], main)
    const { numbers: foreign } = await createCustomer(tenant, 'Lease Two', ['DL3000001'], other)
    // On PostgreSQL the list counts up to documents.listPrefixProbe matches of a number prefix
    // before it picks its plan: 2,000 here, passed by the 2,190 recent "INV-2026-…", not by the
    // 60 old "INV-2019-…" among them; a stranger's "INV-2019-…" must stay hidden.
    const probe = app.config.get<number>('documents.listPrefixProbe')
    app.config.set('documents.listPrefixProbe', 2000)
    cleanup(() => app.config.set('documents.listPrefixProbe', probe))
    const rows = []
    for (let index = 0; index < 2260; index++) {
      const old = index % 37 === 0 && index < 2220
      rows.push({
        tenant_id: tenant.id,
        customer_number_id: index >= 2250 ? foreign[0].id : numbers[0].id,
        type: 'invoice',
        number: old || index >= 2250 ? `INV-2019-${index}` : `INV-2026-${index}`,
        title: `Document ${index}`,
        issue_date: old || index >= 2250 ? '2019-03-01' : `2026-0${1 + (index % 9)}-1${index % 10}`,
        currency: 'EUR',
        external_id: `prefix-${index}`,
        fingerprint: `prefix-${index}`,
        retain_until: '2033-01-01',
        audience: 'customer_number',
        source: 'api',
        created_at: '2026-01-01 00:00:00',
        updated_at: '2026-01-01 00:00:00',
      })
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    for (let start = 0; start < rows.length; start += 500) {
      await db.table('documents').multiInsert(rows.slice(start, start + 500))
    }
    const walk = async (filter: string) => {
      const seen: Row[] = []
      let cursor: string | null = null
      do {
        const query: string = `?number=${filter}${cursor ? `&after=${cursor}` : ''}`
        const page = await list(client, tenant, main, query)
        seen.push(...page.documents)
        cursor = page.next
      } while (cursor && seen.length < 3000)
      return seen
    }
    const recent = await walk('INV-2026')
    assert.lengthOf(recent, 2250 - 60)
    assert.lengthOf(new Set(recent.map((row) => row.id)), recent.length)
    assert.isTrue(recent.every((row) => row.number!.startsWith('INV-2026')))
    const old = await walk('INV-2019')
    assert.lengthOf(old, 60)
    assert.isTrue(old.every((row) => row.customerNumber === 'DL2000001'))
    // Newest first, then by id: the same order the walk over all documents gives.
    const all = await walk('INV-')
    assert.lengthOf(all, 2250)
    assert.deepEqual(
      all.filter((row) => row.number!.startsWith('INV-2019')).map((row) => row.id),
      old.map((row) => row.id)
    )
  }).timeout(120_000)

  test('the CSV of a document neutralises cells a spreadsheet would run', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const main = await UserFactory.for(tenant).create()
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
