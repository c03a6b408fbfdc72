/**
 * Data of bench/ingest, generated fast and reproducibly:
 *
 * - the import folder: N PDFs of about 100 KB (a minimal valid PDF, one
 *   page with a line of text, padded with a stream of deterministic
 *   pseudo-random bytes, so every file is different and hashes differently)
 *   and `metadata.csv` (`file,customerNumber,type,number,title,issueDate,amount`,
 *   5 documents per customer number). File i is the same bytes whatever N,
 *   so the folder is kept between runs: only missing files are written, and
 *   files past N removed;
 * - the database (PostgreSQL, `INSERT … SELECT … FROM generate_series`, not
 *   through the models): one tenant, N / 5 customers with one customer
 *   number each, its main contact and 2 shared users ticked on it (3
 *   recipients per document), all active, nl/fr/en; and a history of
 *   earlier documents per number so the list has something to show before
 *   the import.
 */
import { createCipheriv, createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'

/** Bump when the generated files change: older files are then written again. */
const GENERATOR_VERSION = 1

export const TENANT_SLUG = 'ingest'
export const BENCH_PASSWORD = 'bench-ingest-2026'
export const DOCUMENTS_PER_NUMBER = 5
export const CSV_HEADER = 'file,customerNumber,type,number,title,issueDate,amount'

function log(message: string) {
  console.error(`[data] ${message}`)
}

export function numbersFor(documents: number) {
  return Math.ceil(documents / DOCUMENTS_PER_NUMBER)
}

export function customerNumberOf(n: number) {
  return `IN${String(n).padStart(8, '0')}`
}

export function mainContactEmail(n: number) {
  return `main${String(n).padStart(6, '0')}@ingest.example`
}

function fileName(index: number) {
  return `${String(index).padStart(6, '0')}.pdf`
}

/* ------------------------------------------------------------------ PDFs */

const PAGE_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
]

/** About 100 KB: 98 to 104 KB, depending on the index. */
function sizeOf(index: number) {
  return 100 * 1024 - 2048 + ((index * 2654435761) % 6144)
}

/**
 * A minimal valid PDF (header, catalog, one page with a line of text, an
 * unreferenced stream of pseudo-random padding, cross-reference table,
 * trailer, %%EOF). The padding is AES-128-CTR of zeros under a key derived
 * from the index: deterministic, incompressible, unique per file.
 */
export function pdfBytes(index: number, title: string): Buffer {
  const parts: Buffer[] = []
  const offsets: number[] = []
  let length = 0
  const push = (part: Buffer) => {
    parts.push(part)
    length += part.length
  }
  push(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'))
  const objects = [...PAGE_OBJECTS]
  const text = `BT /F1 18 Tf 72 770 Td (${title.replace(/[()\\]/g, '')}) Tj ET`
  objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`)
  for (const [i, body] of objects.entries()) {
    offsets.push(length)
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'))
  }
  // The padding object: its length makes the file the wanted size.
  const paddingObject = objects.length + 1
  const xrefEntries = paddingObject + 1
  const tail = (xrefAt: number, at: number[]) =>
    `xref\n0 ${xrefEntries}\n0000000000 65535 f \n` +
    at.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${xrefEntries} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  const tailLength = tail(9_999_999, [...offsets, 0]).length
  const headLength = `${paddingObject} 0 obj\n<< /Length 0000000 >>\nstream\n`.length
  const footLength = '\nendstream\nendobj\n'.length
  const padding = Math.max(1024, sizeOf(index) - length - headLength - footLength - tailLength)
  offsets.push(length)
  push(
    Buffer.from(
      `${paddingObject} 0 obj\n<< /Length ${String(padding).padStart(7, '0')} >>\nstream\n`,
      'latin1'
    )
  )
  const key = createHash('sha256').update(`bench/ingest:${index}`).digest().subarray(0, 16)
  push(createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(padding)))
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'))
  const xrefAt = length
  push(Buffer.from(tail(xrefAt, offsets), 'latin1'))
  return Buffer.concat(parts, length)
}

/* ------------------------------------------------------------------ metadata */

interface Line {
  file: string
  customerNumber: string
  type: 'invoice' | 'credit_note' | 'other'
  number: string
  title: string
  issueDate: string
  amount: string
}

/** Line i (0-based) of the CSV: documents spread over the numbers, 80 % invoices. */
function lineOf(index: number, numbers: number): Line {
  const n = 1 + (index % numbers)
  const r = (index * 2654435761) % 100
  const type = r < 80 ? 'invoice' : r < 92 ? 'credit_note' : 'other'
  const day = 1 + (index % 28)
  const seq = String(index + 1).padStart(6, '0')
  const titles = ['Lease instalment', 'Maintenance', 'Fuel card', 'Insurance premium', 'Tyres']
  const cents = 2000 + ((index * 7919) % 250_000)
  return {
    file: fileName(index + 1),
    customerNumber: customerNumberOf(n),
    type,
    number: type === 'invoice' ? `INV-2026-${seq}` : type === 'credit_note' ? `CN-2026-${seq}` : '',
    title:
      type === 'invoice'
        ? `${titles[index % titles.length]} November 2026`
        : type === 'credit_note'
          ? 'Credit note November 2026'
          : 'Annual statement',
    issueDate: `2026-11-${String(day).padStart(2, '0')}`,
    amount:
      type === 'invoice'
        ? (cents / 100).toFixed(2)
        : type === 'credit_note'
          ? (-(cents % 40_000) / 100 - 5).toFixed(2)
          : '',
  }
}

async function inParallel(count: number, limit: number, task: (index: number) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))
}

/**
 * The import folder with exactly `documents` PDFs and its metadata.csv;
 * returns whether anything was written.
 */
export async function ensureFiles(folder: string, documents: number) {
  const started = Date.now()
  const markerPath = join(folder, '.bench-ingest.json')
  mkdirSync(folder, { recursive: true })
  const marker = existsSync(markerPath) ? JSON.parse(readFileSync(markerPath, 'utf8')) : null
  const kept = marker?.version === GENERATOR_VERSION ? Number(marker.documents) : 0
  // Files past the wanted count (a larger run before): removed, the folder holds exactly N.
  if (kept > documents || kept === 0) {
    for (const name of readdirSync(folder)) {
      if (!name.endsWith('.pdf')) continue
      const index = Number(name.slice(0, -4))
      if (kept === 0 || index > documents) rmSync(join(folder, name))
    }
  }
  const numbers = numbersFor(documents)
  const lines = Array.from({ length: documents }, (_, index) => lineOf(index, numbers))
  const missing = kept >= documents ? 0 : documents - kept
  if (missing) {
    log(`writing ${missing.toLocaleString('en')} PDFs of about 100 KB to ${folder}`)
    let written = 0
    writeFileSync(markerPath, JSON.stringify({ version: GENERATOR_VERSION, documents: 0 }))
    await inParallel(missing, 16, async (offset) => {
      const index = kept + offset
      const line = lines[index]
      await writeFile(join(folder, line.file), pdfBytes(index + 1, `${line.title} ${line.number}`))
      written += 1
      if (written % 10_000 === 0) log(`  ${written.toLocaleString('en')} written`)
    })
  } else {
    log(`kept the ${documents.toLocaleString('en')} PDFs generated earlier in ${folder}`)
  }
  writeFileSync(markerPath, JSON.stringify({ version: GENERATOR_VERSION, documents }))
  const csv = [
    CSV_HEADER,
    ...lines.map((l) =>
      [l.file, l.customerNumber, l.type, l.number, l.title, l.issueDate, l.amount].join(',')
    ),
  ].join('\n')
  writeFileSync(join(folder, 'metadata.csv'), `${csv}\n`)
  let bytes = 0
  for (const line of lines) bytes += statSync(join(folder, line.file)).size
  log(`files ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { generated: missing, bytes, numbers }
}

/* ------------------------------------------------------------------ database */

export interface SeededData {
  tenantId: number
  numbers: number
  users: number
  history: number
  /** The main contact whose list is measured. */
  listUser: { id: number; email: string }
}

async function timed(client: pg.Client, what: string, sql: string, values: unknown[] = []) {
  const started = Date.now()
  const result = await client.query(sql, values)
  log(`${what}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return result
}

/**
 * The tenant and its customers, in a freshly migrated database (run.sh drops
 * and recreates it every run).
 */
export async function seed(
  config: pg.ClientConfig,
  documents: number,
  historyPerNumber: number
): Promise<SeededData> {
  const numbers = numbersFor(documents)
  const client = new pg.Client(config)
  await client.connect()
  try {
    const password = await new Scrypt({
      cost: 16384,
      blockSize: 8,
      parallelization: 1,
      maxMemory: 33554432,
    }).make(BENCH_PASSWORD)
    await client.query(`set synchronous_commit = off`)
    await client.query(`select setseed(0.2026)`)
    const tenant = await client.query(
      `insert into tenants (slug, name, default_locale, primary_color, secondary_color,
                            registration_styles, created_at, updated_at)
       values ($1, 'Ingest Leasing NV', 'nl', '#1d4ed8', '#0f766e', '', now(), now()) returning id`,
      [TENANT_SLUG]
    )
    const tenantId = Number(tenant.rows[0].id)
    /** Users 3n-2 (main contact of number n), 3n-1 and 3n (its shared users); nl/fr/en. */
    await timed(
      client,
      'users',
      `insert into users (tenant_id, email, password, first_name, last_name, role, status, locale,
                          two_step_declined_at, created_at, updated_at)
       select $1::int,
              case k when 0 then 'main' || lpad(n::text, 6, '0')
                     else 'shared' || lpad(n::text, 6, '0') || chr(96 + k) end || '@ingest.example',
              $2::text,
              (array['Anna','Bart','Chloé','Dirk','Els','Frank','Greet','Hugo'])[1 + (n + k) % 8],
              'Customer ' || n, 'customer', 'active',
              (array['nl','fr','en'])[1 + (n + k) % 3], now(), now(), now()
         from generate_series(1, $3::int) n cross join generate_series(0, 2) k
        order by n, k`,
      [tenantId, password, numbers]
    )
    await timed(
      client,
      'customers',
      `insert into customers (tenant_id, name, created_at, updated_at)
       select $1::int, (array['Brightside','Northwind','Delta','Acme','Blue Ocean','Greenfield'])[1 + n % 6]
                  || ' ' || n || (array[' NV',' BV',' SA',' SRL'])[1 + n % 4], now(), now()
         from generate_series(1, $2::int) n order by n`,
      [tenantId, numbers]
    )
    await timed(
      client,
      'customer numbers',
      `with numbered as (
         select id, row_number() over (order by id) as n from customers where tenant_id = $1::int
       )
       insert into customer_numbers (tenant_id, customer_id, number, main_contact_id, contact_email,
                                     created_at, updated_at)
       select $1::int, x.id, 'IN' || lpad(x.n::text, 8, '0'), u.id,
              'billing' || x.id || '@customer.example', now(), now()
         from numbered x
         join users u on u.tenant_id = $1::int
                     and u.email = 'main' || lpad(x.n::text, 6, '0') || '@ingest.example'
        order by x.n`,
      [tenantId]
    )
    await timed(
      client,
      'shared users',
      `insert into shared_users (tenant_id, owner_id, user_id, created_at)
       select $1::int, cn.main_contact_id, u.id, now()
         from customer_numbers cn
         cross join (values ('a'), ('b')) k(suffix)
         join users u on u.tenant_id = $1::int
                     and u.email = 'shared' || lpad(substr(cn.number, 3)::int::text, 6, '0')
                                   || k.suffix || '@ingest.example'
        where cn.tenant_id = $1::int`,
      [tenantId]
    )
    await timed(
      client,
      'customer number shares (ticked)',
      `insert into customer_number_shares (tenant_id, customer_number_id, user_id, granted_by_id, created_at)
       select $1::int, cn.id, s.user_id, s.owner_id, now()
         from customer_numbers cn join shared_users s on s.owner_id = cn.main_contact_id
        where cn.tenant_id = $1::int`,
      [tenantId]
    )
    /** Earlier months: what the list shows before the import. */
    await timed(
      client,
      'earlier documents',
      `insert into documents (tenant_id, customer_number_id, type, number, title, issue_date,
                              due_date, amount_cents, currency, external_id, fingerprint,
                              retain_until, audience, source, created_at, updated_at)
       select $1::int, cn.id, 'invoice', 'INV-H-' || cn.id || '-' || m,
              'Lease instalment ' || to_char(date '2026-10-01' - (m || ' months')::interval, 'FMMonth YYYY'),
              date '2026-10-01' - (m || ' months')::interval,
              date '2026-10-01' - (m || ' months')::interval + interval '30 days',
              10000 + (cn.id * 37 + m * 101) % 90000, 'EUR', 'history-' || cn.id || '-' || m,
              md5(cn.id || '-' || m) || md5(m || '-' || cn.id),
              date '2026-10-01' - (m || ' months')::interval + interval '7 years',
              'customer_number', 'api', now(), now()
         from customer_numbers cn cross join generate_series(0, $2::int - 1) m
        where cn.tenant_id = $1::int
        order by m desc, cn.id`,
      [tenantId, historyPerNumber]
    )
    await client.query('analyze')
    const counts = await client.query(
      `select (select count(*)::int from users where tenant_id = $1) as users,
              (select count(*)::int from customer_number_shares where tenant_id = $1) as shares,
              (select count(*)::int from documents where tenant_id = $1) as history,
              (select id from users where tenant_id = $1 and email = $2) as list_user`,
      [tenantId, mainContactEmail(1)]
    )
    const row = counts.rows[0]
    if (row.shares !== numbers * 2) {
      throw new Error(`expected ${numbers * 2} ticked shares, found ${row.shares}`)
    }
    return {
      tenantId,
      numbers,
      users: row.users,
      history: row.history,
      listUser: { id: Number(row.list_user), email: mainContactEmail(1) },
    }
  } finally {
    await client.end()
  }
}
