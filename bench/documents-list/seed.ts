/**
 * Data of bench/documents-list, generated in PostgreSQL itself
 * (`INSERT … SELECT … FROM generate_series`), not through the models: one
 * tenant, 10,000 customers (one portal user each, its main contact) with 1
 * to 3 customer numbers, and N documents (1,000,000 by default) of which
 * 100,000 belong to the first customer ("big"), interleaved with everybody
 * else's as they would arrive over 7 years. Types, dates, amounts, numbers
 * (INV-2024-000123) and titles are spread like a leasing company's.
 *
 * The data is kept: a second run with the same size finds the marker row in
 * `bench_meta` and the counts it expects, and generates nothing.
 */
import pg from 'pg'
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'

/** Bump when the generated data changes shape: older data is then generated again. */
const GENERATOR_VERSION = 3

export const BENCH_PASSWORD = 'bench-documents-2026'
export const TENANT_SLUG = 'bench'

export interface DataSize {
  documents: number
  customers: number
  /** Documents of the big customer (spread over its 3 numbers: 60/30/10 %). */
  bigDocuments: number
}

export interface BenchData {
  tenantId: number
  /** Main contact of the big customer's 3 numbers. */
  bigUser: { id: number; email: string }
  staffUser: { id: number; email: string }
  /**
   * A typical customer's main contact: the one closest to 100 documents
   * (80 to 120 at 1,000,000; at 10,000,000 every customer holds more).
   */
  smallUser: { id: number; email: string; documents: number }
  /** The big customer's numbers, largest first. */
  bigNumbers: { id: number; number: string; documents: number }[]
  generatedNow: boolean
  seconds: number
}

const CATEGORIES = [
  'Lease',
  'Maintenance',
  'Fuel',
  'Insurance',
  'Damage',
  'Tyres',
  'Taxes',
  'Contracts',
]

function log(message: string) {
  console.error(`[seed] ${message}`)
}

async function timed<T>(client: pg.Client, what: string, sql: string, values: unknown[] = []) {
  const started = Date.now()
  const result = await client.query(sql, values)
  log(`${what}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return result as pg.QueryResult<T & pg.QueryResultRow>
}

/**
 * Runs a bulk load into `table` with its secondary indexes and unique
 * constraints (the primary key stays) dropped, then builds them again from
 * their own definitions, as the migrations made them: one sorted build per
 * index instead of millions of random B-tree inserts (at 10,000,000 rows the
 * difference between minutes and hours on a slow disk). One transaction, so
 * an interrupted load leaves the table and its indexes as they were.
 */
async function withoutSecondaryIndexes(
  client: pg.Client,
  table: string,
  load: () => Promise<unknown>
) {
  const { rows } = await client.query<{
    name: string
    definition: string
    constraint: string | null
  }>(
    `select i.indexrelid::regclass::text as name,
            case when c.contype = 'u'
                 then 'alter table ' || $1::regclass::text || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
                 else pg_get_indexdef(i.indexrelid) end as definition,
            quote_ident(c.conname) as constraint
       from pg_index i
       left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
      where i.indrelid = $1::regclass and not i.indisprimary
        and (c.oid is null or c.contype = 'u')`,
    [table]
  )
  await client.query('begin')
  try {
    for (const index of rows) {
      await client.query(
        index.constraint
          ? `alter table ${table} drop constraint ${index.constraint}`
          : `drop index ${index.name}`
      )
    }
    await load()
    const started = Date.now()
    for (const index of rows) await client.query(index.definition)
    log(`${table}: ${rows.length} indexes built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  }
}

async function currentMarker(client: pg.Client): Promise<Record<string, unknown> | null> {
  await client.query('create table if not exists bench_meta (key text primary key, value text)')
  const { rows } = await client.query(`select value from bench_meta where key = 'documents-list'`)
  return rows.length ? JSON.parse(rows[0].value) : null
}

export async function ensureData(config: pg.ClientConfig, size: DataSize): Promise<BenchData> {
  const client = new pg.Client(config)
  await client.connect()
  const started = Date.now()
  try {
    const wanted = { version: GENERATOR_VERSION, ...size }
    const marker = await currentMarker(client)
    let generatedNow = false
    const count = async () => {
      const { rows } = await client.query(`select count(*)::int as n from documents`)
      return Number(rows[0].n)
    }
    if (JSON.stringify(marker) !== JSON.stringify(wanted) || (await count()) !== size.documents) {
      await generate(client, size)
      await client.query(
        `insert into bench_meta (key, value) values ('documents-list', $1)
         on conflict (key) do update set value = excluded.value`,
        [JSON.stringify(wanted)]
      )
      generatedNow = true
    } else {
      log(`kept the data generated earlier (${size.documents.toLocaleString('en')} documents)`)
    }
    return { ...(await describe(client)), generatedNow, seconds: (Date.now() - started) / 1000 }
  } finally {
    await client.end()
  }
}

async function describe(client: pg.Client) {
  const tenant = await client.query(`select id from tenants where slug = $1`, [TENANT_SLUG])
  const tenantId = tenant.rows[0].id as number
  const users = await client.query(
    `select id, email from users where tenant_id = $1 and email in ($2, $3) order by id`,
    [tenantId, 'customer00001@bench.example', 'staff@bench.example']
  )
  const big = users.rows.find((row) => row.email === 'customer00001@bench.example')
  const staff = users.rows.find((row) => row.email === 'staff@bench.example')
  const numbers = await client.query(
    `select n.id, n.number, count(d.id)::int as documents
       from customer_numbers n left join documents d on d.customer_number_id = n.id
      where n.main_contact_id = $1 group by n.id, n.number order by documents desc`,
    [big.id]
  )
  const small = await client.query(
    `select u.id, u.email, count(*)::int as documents
       from documents d
       join customer_numbers n on n.id = d.customer_number_id
       join users u on u.id = n.main_contact_id
      where u.tenant_id = $1 and u.id <> $2
      group by u.id, u.email
      order by abs(count(*) - 100), u.id limit 1`,
    [tenantId, big.id]
  )
  return {
    tenantId,
    bigUser: big,
    staffUser: staff,
    smallUser: small.rows[0],
    bigNumbers: numbers.rows,
  }
}

async function generate(client: pg.Client, size: DataSize) {
  const { documents, customers, bigDocuments } = size
  if (bigDocuments * 2 > documents) throw new Error('the big customer must hold at most half')
  log(
    `generating ${documents.toLocaleString('en')} documents over ${customers.toLocaleString('en')} customers`
  )
  const password = await new Scrypt({
    cost: 16384,
    blockSize: 8,
    parallelization: 1,
    maxMemory: 33554432,
  }).make(BENCH_PASSWORD)

  /**
   * Loading only: foreign keys are right by construction, so their triggers
   * are skipped (the session is a superuser's), and commits need not wait
   * for the disk.
   */
  await client.query(`set session_replication_role = replica`)
  await client.query(`set synchronous_commit = off`)
  await client.query(`set maintenance_work_mem = '512MB'`)
  await client.query(`set work_mem = '256MB'`)
  await client.query(`select setseed(0.2026)`)

  await timed(client, 'emptied the tables', `truncate tenants, bench_meta restart identity cascade`)

  const tenant = await client.query(
    `insert into tenants (slug, name, default_locale, primary_color, secondary_color,
                          registration_styles, created_at, updated_at)
     values ($1, 'Bench Leasing NV', 'en', '#1d4ed8', '#0f766e', '', now(), now()) returning id`,
    [TENANT_SLUG]
  )
  const tenantId = tenant.rows[0].id as number

  /** Users 1..C are the customers' main contacts; then staff and an accountant. */
  await timed(
    client,
    'users',
    `insert into users (tenant_id, email, password, first_name, last_name, role, status, locale,
                        two_step_declined_at, created_at, updated_at)
     select $1::int, 'customer' || lpad(g::text, 5, '0') || '@bench.example', $2::text,
            (array['Anna','Bart','Chloé','Dirk','Els','Frank','Greet','Hugo'])[1 + g % 8],
            'Customer ' || g, 'customer', 'active', 'en', now(), now(), now()
       from generate_series(1, $3::int) g
     union all
     select $1::int, 'staff@bench.example', $2::text, 'Stella', 'Staff', 'staff', 'active', 'en', now(), now(), now()
     union all
     select $1::int, 'accountant@bench.example', $2::text, 'Alex', 'Accountant', 'customer', 'active', 'en',
            now(), now(), now()`,
    [tenantId, password, customers]
  )
  await timed(
    client,
    'customers',
    `insert into customers (tenant_id, name, created_at, updated_at)
     select $1::int, (array['Brightside','Northwind','Delta','Acme','Blue Ocean','Greenfield'])[1 + g % 6]
                || ' ' || g || (array[' NV',' BV',' SA',' SRL'])[1 + g % 4], now(), now()
       from generate_series(1, $2::int) g`,
    [tenantId, customers]
  )
  /** Customer c has 1 to 3 numbers (the big one 3); user c is their main contact. */
  await timed(
    client,
    'customer numbers',
    `insert into customer_numbers (tenant_id, customer_id, number, main_contact_id, contact_email,
                                   created_at, updated_at)
     select $1::int, c.id, 'BN' || lpad((c.id * 10 + k)::text, 8, '0'), c.id,
            'billing' || c.id || '@customer.example', now(), now()
       from customers c
       cross join lateral generate_series(1, case when c.id = 1 then 3 else 1 + c.id % 3 end) k
      order by c.id, k`,
    [tenantId]
  )
  await timed(
    client,
    'categories',
    `insert into categories (tenant_id, name, created_at, updated_at)
     select $1::int, name, now(), now() from unnest($2::text[]) name`,
    [tenantId, CATEGORIES]
  )
  /** A few shares: the accountant reaches the big customer's second number; others at random. */
  await timed(
    client,
    'shared users and shares',
    `with pairs as (
       select 1 as owner_id, (select id from users where email = 'accountant@bench.example') as user_id
       union
       select 2 + (g * 7919) % ($2::int - 2), 2 + (g * 104729) % ($2::int - 2)
         from generate_series(1, 2000) g
     ), owners as (
       insert into shared_users (tenant_id, owner_id, user_id, created_at)
       select $1::int, owner_id, user_id, now() from pairs where owner_id <> user_id
       on conflict do nothing returning owner_id, user_id
     )
     insert into customer_number_shares (tenant_id, customer_number_id, user_id, granted_by_id, created_at)
     select $1::int, (select min(n.id) + case when o.owner_id = 1 then 1 else 0 end
                   from customer_numbers n where n.customer_id = o.owner_id),
            o.user_id, o.owner_id, now()
       from owners o`,
    [tenantId, customers]
  )

  /**
   * The documents. Row g belongs to the big customer when g is a multiple of
   * documents / bigDocuments (so its rows are spread over the whole table,
   * as if published over the years); its 3 numbers hold 60/30/10 %. The
   * others go to the other numbers, some numbers busier than others. Issue
   * dates follow g over 7 years with a few weeks of jitter; each type and
   * year has its own number sequence.
   */
  const every = Math.floor(documents / bigDocuments)
  await withoutSecondaryIndexes(client, 'documents', () =>
    timed(
      client,
      'documents',
      `with nums as (
       select array_agg(id order by id) filter (where customer_id = 1) as big,
              array_agg(id order by id) filter (where customer_id <> 1) as others
         from customer_numbers
     ), cats as (select array_agg(id order by id) as ids from categories),
     base as (
       select g,
              case when g % $3::int = 0 and g / $3::int <= $4::int then
                     nums.big[case when random() < 0.6 then 1 when random() < 0.75 then 2 else 3 end]
                   else nums.others[1 + floor(power(random(), 1.6) * cardinality(nums.others))::int]
              end as customer_number_id,
              random() as r_type, random() as r_amount, random() as r_title, random() as r_cat,
              date '2019-11-20' + least(2555, greatest(0,
                floor(g::float8 / $2::int * 2555 + (random() - 0.8) * 45)::int)) as issue_date,
              cats.ids
         from generate_series(1, $2::int) g, nums, cats
     ),
     typed as (
       select *, case when r_type < 0.80 then 'invoice' when r_type < 0.92 then 'credit_note'
                      else 'other' end as type
         from base
     ),
     numbered as (
       select *, row_number() over (partition by type, extract(year from issue_date) order by g) as seq
         from typed
     )
     insert into documents (tenant_id, customer_number_id, type, number, title, category_id,
                            issue_date, due_date, amount_cents, currency, external_id, fingerprint,
                            retain_until, created_at, updated_at)
     select $1::int, customer_number_id, type,
            case type
              when 'invoice' then 'INV-' || extract(year from issue_date) || '-' || lpad(seq::text, greatest(6, length(seq::text)), '0')
              when 'credit_note' then 'CN-' || extract(year from issue_date) || '-' || lpad(seq::text, greatest(6, length(seq::text)), '0')
              else case when r_amount < 0.3 then 'DOC-' || lpad(seq::text, 6, '0') end
            end,
            case type
              when 'invoice' then (array['Lease instalment','Maintenance','Fuel card','Insurance premium',
                                         'Damage repair','Tyres','Road tax','Service fee'])[1 + floor(r_title * 8)::int]
                                  || ' ' || to_char(issue_date, 'FMMonth YYYY')
              when 'credit_note' then 'Credit note ' || (array['lease','maintenance','fuel card','damage'])[1 + floor(r_title * 4)::int]
                                  || ' ' || to_char(issue_date, 'FMMonth YYYY')
              else (array['Lease contract','Annual statement','Vehicle registration','Letter','Terms and conditions'])[1 + floor(r_title * 5)::int]
            end,
            case when r_cat < 0.3 then null
                 when type = 'other' then ids[8]
                 else ids[1 + floor(r_title * 7)::int] end,
            issue_date,
            case when type = 'invoice' then issue_date + (array[14, 30, 30, 60])[1 + floor(r_cat * 4)::int] end,
            case type
              when 'invoice' then floor(exp(ln(2000) + r_amount * ln(2500)))::bigint
              when 'credit_note' then -floor(exp(ln(500) + r_amount * ln(400)))::bigint
              else case when r_amount < 0.2 then floor(r_amount * 100000)::bigint end
            end,
            'EUR', 'ERP-' || g, md5(g::text) || md5((g + 1)::text),
            issue_date + interval '7 years',
            issue_date + interval '9 hours', issue_date + interval '9 hours'
       from numbered
      order by g`,
      [tenantId, documents, every, bigDocuments]
    )
  )

  /** The big customer's main contact opened about half of their older documents. */
  await timed(
    client,
    'document reads',
    `insert into document_reads (document_id, user_id, tenant_id, read_at)
     select d.id, 1, $1::int, d.issue_date + interval '3 days'
       from documents d join customer_numbers n on n.id = d.customer_number_id
      where n.customer_id = 1 and d.issue_date < date '2026-09-01' and random() < 0.5`,
    [tenantId]
  )
  await timed(
    client,
    'labels',
    `insert into labels (tenant_id, user_id, name, color, created_at, updated_at)
     values ($1::int, 1, 'Paid', '#15803d', now(), now()), ($1::int, 1, 'To check', '#b91c1c', now(), now()),
            ($1::int, 1, 'Tax 2024', '#1d4ed8', now(), now())`,
    [tenantId]
  )
  await timed(
    client,
    'document labels',
    `insert into document_labels (document_id, label_id, user_id, tenant_id)
     select d.id, l.id, 1, $1::int
       from documents d join customer_numbers n on n.id = d.customer_number_id
       join labels l on l.user_id = 1
      where n.customer_id = 1 and random() + 0 * d.id < case l.name when 'Paid' then 0.03 else 0.01 end`,
    [tenantId]
  )

  await client.query(`set session_replication_role = origin`)
  const started = Date.now()
  await client.query(`vacuum (analyze)`)
  log(`vacuum analyze in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
