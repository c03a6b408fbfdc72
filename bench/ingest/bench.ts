/**
 * bench/ingest: a monthly batch import at volume, end to end, on the
 * production build with PostgreSQL, Redis and an SMTP sink:
 *
 * 1. baseline, same run: `cp -r` of the folder of PDFs to a scratch folder
 *    plus `\copy` of metadata.csv into a scratch table (psql);
 * 2. `node ace documents:import <folder> --tenant ingest --quiet` of N
 *    documents (default 50,000 PDFs of about 100 KB, 5 per customer number;
 *    the command draws a progress bar, switched off here with --quiet:
 *    BENCH_PROGRESS=1 shows it), timed, its peak memory measured, while a
 *    customer's documents list (GET /documents, Inertia JSON, logged in
 *    through the login form) is under a steady load;
 * 3. the notification fan-out that the import's batch triggers (3
 *    recipients per document: the number's main contact and 2 shared users
 *    it ticked; one e-mail per recipient), from the end of the import until
 *    the SMTP sink holds every e-mail; the queue worker runs as
 *    `node ace worker --no-temporal`.
 *
 * Targets: import >= 0.5x the baseline and >= 1,000 documents/s; peak
 * memory of the import < 512 MB; the list's p95 during the import <= 2x its
 * idle p95.
 *
 * Run with `bash bench/ingest/run.sh` (it builds, recreates the database
 * and sets the environment). Knobs: BENCH_DOCUMENTS (or --documents N),
 * BENCH_LIST_RATE, BENCH_LIST_CONNECTIONS, BENCH_IDLE_SECONDS,
 * BENCH_FANOUT_MAX_SECONDS (a time box: past it the fan-out is reported as
 * partial, with its rate so far),
 * BENCH_HISTORY_PER_NUMBER, BENCH_FILES_DIR (the generated folder, default
 * tmp/bench/ingest/files), BENCH_PROFILE=1 (CPU profile of the import),
 * BENCH_PROGRESS=1.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
import { ensureFiles, seed, BENCH_PASSWORD, TENANT_SLUG } from './data.ts'
import { startSmtpSink } from './smtp_sink.ts'
import { login, inertiaVersion, inertiaHeaders, send } from '../lib/portal_client.ts'
import { ListLoad, type WindowStats } from './load.ts'
import { logHas, peakRssMb, runMeasured, start, stop, waitFor, type Started } from './processes.ts'
import { summarizeProfile } from './profile.ts'

function argument(name: string) {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const documents = Number(argument('--documents') ?? process.env.BENCH_DOCUMENTS ?? 50_000)
const historyPerNumber = Number(process.env.BENCH_HISTORY_PER_NUMBER ?? 10)
const listConnections = Number(process.env.BENCH_LIST_CONNECTIONS ?? 10)
const listRate = Number(process.env.BENCH_LIST_RATE ?? 20)
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10)
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
/** The fan-out is followed to its end unless it takes longer: then reported as partial. */
const fanoutMaxSeconds = Number(process.env.BENCH_FANOUT_MAX_SECONDS ?? 3600)
const profile = !!process.env.BENCH_PROFILE
const progress = !!process.env.BENCH_PROGRESS

const root = resolve('tmp/bench/ingest')
const buildDir = join(root, 'build')
const filesDir = resolve(process.env.BENCH_FILES_DIR ?? join(root, 'files'))
const scratchDir = join(root, 'scratch-copy')
const storageDir = process.env.DRIVE_FS_ROOT ?? join(root, 'storage')
const logsDir = join(root, 'logs')
const profilesDir = join(root, 'profiles')
const appPort = Number(process.env.PORT ?? 4336)
const smtpPort = Number(process.env.SMTP_PORT ?? 2527)
const host = `${TENANT_SLUG}.${process.env.TENANT_BASE_DOMAIN ?? 'localhost'}:${appPort}`
const pgConfig: pg.ClientConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
  database: process.env.PG_DB_NAME,
}

const TARGETS = { vsBaseline: 0.5, docsPerSecond: 1000, peakMb: 512, listP95VsIdle: 2 }

function say(message: string) {
  console.error(`[bench] ${message}`)
}

function seconds(ms: number) {
  return ms / 1000
}

if (!Number.isInteger(documents) || documents < 5) {
  throw new Error('BENCH_DOCUMENTS (--documents) must be an integer of at least 5')
}
if (!existsSync(join(buildDir, 'ace.js'))) {
  throw new Error(`no production build in ${buildDir}: run bash bench/ingest/run.sh`)
}
mkdirSync(logsDir, { recursive: true })

/* ------------------------------------------------------------------ data */

say(
  `${documents.toLocaleString('en')} documents, database ${pgConfig.database}, Redis ${process.env.REDIS_URL} (prefix ${process.env.QUEUE_PREFIX}), app :${appPort}, SMTP sink :${smtpPort}`
)
const files = await ensureFiles(filesDir, documents)
rmSync(storageDir, { recursive: true, force: true })
rmSync(scratchDir, { recursive: true, force: true })
const redis = new Redis(process.env.REDIS_URL!)
await redis.flushdb()
await redis.quit()
const seeded = await seed(pgConfig, documents, historyPerNumber)
say(
  `seeded: ${seeded.numbers.toLocaleString('en')} customer numbers, ${seeded.users.toLocaleString('en')} users, ${seeded.history.toLocaleString('en')} earlier documents`
)
const sql = new pg.Client(pgConfig)
await sql.connect()

/* ------------------------------------------------------------------ baseline */

const psqlArgs = [
  '-h',
  String(pgConfig.host),
  '-p',
  String(pgConfig.port),
  '-U',
  String(pgConfig.user),
  '-d',
  String(pgConfig.database),
  '-v',
  'ON_ERROR_STOP=1',
  '-qAt',
]
const psqlEnv = { ...process.env, PGPASSWORD: String(pgConfig.password ?? '') }
execFileSync('sync')
say('baseline: cp -r of the folder, \\copy of metadata.csv')
await sql.query(`drop table if exists bench_scratch_metadata`)
await sql.query(`create table bench_scratch_metadata (
  file text, customer_number text, type text, number text, title text, issue_date date, amount numeric(15, 2))`)
let mark = Date.now()
execFileSync('cp', ['-r', filesDir, scratchDir])
const cpMs = Date.now() - mark
mark = Date.now()
execFileSync(
  'psql',
  [
    ...psqlArgs,
    '-c',
    `\\copy bench_scratch_metadata from '${join(filesDir, 'metadata.csv')}' csv header`,
  ],
  { env: psqlEnv }
)
const copyMs = Date.now() - mark
const copied = await sql.query(`select count(*)::int as n from bench_scratch_metadata`)
if (copied.rows[0].n !== documents) throw new Error(`\\copy loaded ${copied.rows[0].n} rows`)
const baseline = {
  cpSeconds: seconds(cpMs),
  copySeconds: seconds(copyMs),
  docsPerSecond: documents / seconds(cpMs + copyMs),
}
say(
  `baseline: cp ${baseline.cpSeconds.toFixed(1)} s + \\copy ${baseline.copySeconds.toFixed(2)} s = ${baseline.docsPerSecond.toFixed(0)} documents/s`
)
rmSync(scratchDir, { recursive: true, force: true })
await sql.query(`drop table bench_scratch_metadata`)
// The baseline's dirty pages are written out now, not during the import.
execFileSync('sync')

/* ------------------------------------------------------------------ application */

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(appPort),
  HOST: '127.0.0.1',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtpPort),
  DRIVE_DISK: 'fs',
  DRIVE_FS_ROOT: storageDir,
}
const sink = await startSmtpSink(smtpPort)
let server: Started | undefined
let worker: Started | undefined
let list: ListLoad | undefined
const peaks = { server: 0, worker: 0 }
const samplePeaks = () => {
  peaks.server = Math.max(peaks.server, peakRssMb(server?.child.pid) ?? 0)
  peaks.worker = Math.max(peaks.worker, peakRssMb(worker?.child.pid) ?? 0)
}

try {
  say(
    'starting the web server (node bin/server.js) and the queue worker (node ace worker --no-temporal)'
  )
  server = start('web server', buildDir, ['bin/server.js'], env, join(logsDir, 'server.log'))
  // The worker logs at info: "worker ready" says its queues are consumed.
  worker = start(
    'worker',
    buildDir,
    ['ace', 'worker', '--no-temporal'],
    { ...env, LOG_LEVEL: 'info' },
    join(logsDir, 'worker.log')
  )
  await waitFor(
    'web server',
    async () => {
      const page = await send(appPort, '/login', { host })
      return page.status === 200
    },
    server
  )
  await waitFor('worker', () => logHas(worker!, 'worker ready'), worker)

  say(`logging in as ${seeded.listUser.email} through the login form`)
  const cookie = await login(appPort, host, seeded.listUser.email, BENCH_PASSWORD)
  const version = await inertiaVersion(appPort, host, cookie)
  const headers = inertiaHeaders(host, cookie, version)
  const first = await send(appPort, '/documents', headers)
  if (first.status !== 200) throw new Error(`GET /documents answered ${first.status}`)
  const listedBefore = (JSON.parse(first.text).props.documents as unknown[]).length
  say(`the list shows ${listedBefore} documents (${Buffer.byteLength(first.text)} bytes of JSON)`)

  list = new ListLoad({
    url: `http://127.0.0.1:${appPort}/documents`,
    headers,
    connections: listConnections,
    rate: listRate,
  })
  say(
    `list load: ${listConnections} connections, ${listRate > 0 ? `${listRate} requests/s` : 'as fast as they go'}; ${warmupSeconds} s warm-up, ${idleSeconds} s idle`
  )
  list.start()
  await new Promise((wake) => setTimeout(wake, warmupSeconds * 1000))
  const idleFrom = Date.now()
  await new Promise((wake) => setTimeout(wake, idleSeconds * 1000))
  const idleTo = Date.now()
  samplePeaks()

  /* The import. */
  say(
    `import: node ace documents:import ${filesDir} --tenant ${TENANT_SLUG}${progress ? '' : ' --quiet'}${profile ? ' (CPU profile)' : ''}`
  )
  const importArgs = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profilesDir}`] : []),
    'ace',
    'documents:import',
    filesDir,
    '--tenant',
    TENANT_SLUG,
    ...(progress ? [] : ['--quiet']),
  ]
  if (profile) rmSync(profilesDir, { recursive: true, force: true })
  const peakTimer = setInterval(samplePeaks, 1000)
  const importFrom = Date.now()
  const imported = await runMeasured(
    buildDir,
    importArgs,
    env,
    join(logsDir, 'import.time'),
    progress ? (chunk) => process.stderr.write(chunk) : undefined
  )
  const importTo = Date.now()
  writeFileSync(join(logsDir, 'import.log'), imported.stdout)
  if (imported.code !== 0) {
    throw new Error(`the import failed (${imported.code}):\n${imported.stdout.slice(-3000)}`)
  }
  const done = /(\d+) document\(s\) published, (\d+) already there, in ([\d.]+) s/.exec(
    imported.stdout
  )
  if (!done || Number(done[1]) !== documents) {
    throw new Error(`the import did not publish ${documents} documents:\n${imported.stdout}`)
  }
  const publishSeconds = Number(done[3])
  const importResult = {
    seconds: imported.seconds,
    docsPerSecond: documents / imported.seconds,
    publishSeconds,
    checkSeconds: imported.seconds - publishSeconds,
    peakRssMb: imported.peakRssMb,
    peakFrom: imported.peakFrom,
    userSeconds: imported.userSeconds,
    systemSeconds: imported.systemSeconds,
  }
  say(
    `import: ${importResult.seconds.toFixed(1)} s (${importResult.docsPerSecond.toFixed(0)} documents/s; publishing ${publishSeconds.toFixed(1)} s), peak ${importResult.peakRssMb.toFixed(0)} MB`
  )

  // The import's results first: a long fan-out must not lose them.
  const importList = {
    idle: list.window(idleFrom, idleTo),
    import: list.window(importFrom, importTo),
  }
  say(
    `list p95: idle ${importList.idle.p95.toFixed(1)} ms (${importList.idle.requests} answers), during the import ${importList.import.p95.toFixed(1)} ms (${importList.import.requests} answers): ${(importList.import.p95 / importList.idle.p95).toFixed(2)}x`
  )
  writeFileSync(
    join(root, 'result.json'),
    JSON.stringify({ documents, baseline, import: importResult, list: importList }, null, 2)
  )

  /* The fan-out: from the end of the import until every e-mail is at the sink. */
  const batch = await sql.query(
    `select id, key, documents from publication_batches where source = 'import' order by id desc limit 1`
  )
  const batchId = Number(batch.rows[0].id)
  const recipients = await sql.query(
    `select count(*)::int as n from (
         select cn.main_contact_id as user_id from customer_numbers cn
          where exists (select 1 from documents d where d.customer_number_id = cn.id and d.batch_id = $1)
         union
         select s.user_id from customer_number_shares s
          where exists (select 1 from documents d where d.customer_number_id = s.customer_number_id and d.batch_id = $1)
       ) r`,
    [batchId]
  )
  const expected = Number(recipients.rows[0].n)
  say(`fan-out: waiting for ${expected.toLocaleString('en')} e-mails (batch ${batch.rows[0].key})`)
  let notifiedAt: number | null = null
  let lastProgress = { at: Date.now(), messages: -1 }
  let lastLog = 0
  const fanoutDeadline = importTo + fanoutMaxSeconds * 1000
  let finished = true
  for (;;) {
    const state = await sql.query(
      `select b.status,
              (select count(*)::int from mail_deliveries where template = 'documents_published') as recorded,
              (select count(*)::int from mail_deliveries where template = 'documents_published' and status = 'sent') as sent
         from publication_batches b where b.id = $1`,
      [batchId]
    )
    const { status, recorded, sent } = state.rows[0]
    if (status === 'notified' && notifiedAt === null) notifiedAt = Date.now()
    const messages = sink.stats.messages
    if (messages !== lastProgress.messages) lastProgress = { at: Date.now(), messages }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now()
      say(
        `  ${seconds(Date.now() - importTo).toFixed(0)} s: batch ${status}, ${recorded} recorded, ${sent} sent, ${messages} at the sink`
      )
    }
    if (messages >= expected && status === 'notified' && sent >= expected) break
    if (Date.now() > fanoutDeadline) {
      finished = false
      say(`fan-out: stopped following it after ${fanoutMaxSeconds} s (BENCH_FANOUT_MAX_SECONDS)`)
      break
    }
    if (Date.now() - lastProgress.at > 180_000) {
      throw new Error(`fan-out: no e-mail for 3 minutes (see ${worker.log})`)
    }
    await new Promise((wake) => setTimeout(wake, 250))
  }
  clearInterval(peakTimer)
  samplePeaks()
  const fanoutTo = finished ? sink.stats.lastAt! : Date.now()
  // A retried job must not send twice: give stragglers a moment, then count.
  if (finished) await new Promise((wake) => setTimeout(wake, 2000))
  const fanout = {
    finished,
    recipients: expected,
    messages: sink.stats.messages,
    distinctRecipients: sink.stats.recipients.size,
    duplicates: sink.stats.duplicates,
    megabytes: sink.stats.bytes / 1048576,
    seconds: seconds(fanoutTo - importTo),
    notifiedSeconds: notifiedAt ? seconds(notifiedAt - importTo) : null,
    firstMailSeconds: sink.stats.firstAt ? seconds(sink.stats.firstAt - importTo) : null,
    mailsPerSecond: sink.stats.messages / seconds(fanoutTo - importTo),
  }
  if (finished && (fanout.messages !== expected || fanout.distinctRecipients !== expected)) {
    throw new Error(
      `the sink got ${fanout.messages} e-mails for ${fanout.distinctRecipients} recipients, expected ${expected}`
    )
  }
  const listDuring = {
    idle: list.window(idleFrom, idleTo),
    import: list.window(importFrom, importTo),
    fanout: list.window(importTo, fanoutTo),
  }
  await list.stop()
  list = undefined

  /* Report. */
  const ratio = importResult.docsPerSecond / baseline.docsPerSecond
  const listRatio = listDuring.import.p95 / listDuring.idle.p95
  const checks = [
    {
      what: `import ≥ ${TARGETS.vsBaseline}x the baseline`,
      value: `${ratio.toFixed(2)}x`,
      met: ratio >= TARGETS.vsBaseline,
    },
    {
      what: `import ≥ ${TARGETS.docsPerSecond.toLocaleString('en')} documents/s`,
      value: `${importResult.docsPerSecond.toFixed(0)}/s`,
      met: importResult.docsPerSecond >= TARGETS.docsPerSecond,
    },
    {
      what: `peak memory of the import < ${TARGETS.peakMb} MB`,
      value: `${importResult.peakRssMb.toFixed(0)} MB`,
      met: importResult.peakRssMb < TARGETS.peakMb,
    },
    {
      what: `list p95 during the import ≤ ${TARGETS.listP95VsIdle}x idle`,
      value: `${listRatio.toFixed(2)}x`,
      met: listRatio <= TARGETS.listP95VsIdle,
    },
  ]
  const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–')
  const listRow = (name: string, w: WindowStats) =>
    `| ${name} | ${w.requests} | ${fmt(w.perSecond)} | ${fmt(w.p50)} | ${fmt(w.p95)} | ${fmt(w.p99)} | ${fmt(w.max)} | ${w.errors} |`
  const gb = files.bytes / 1024 ** 3
  const lines = [
    '',
    `bench/ingest — ${documents.toLocaleString('en')} PDFs (${gb.toFixed(2)} GB, ${(files.bytes / documents / 1024).toFixed(0)} KB each on average), ${seeded.numbers.toLocaleString('en')} customer numbers × 3 recipients, PostgreSQL, production build, Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(0)} GB`,
    '',
    '| step | time | documents/s | notes |',
    '|---|---:|---:|---|',
    `| baseline: cp -r + \\copy | ${fmt(baseline.cpSeconds + baseline.copySeconds)} s | ${fmt(baseline.docsPerSecond, 0)} | cp ${fmt(baseline.cpSeconds)} s, \\copy ${fmt(baseline.copySeconds, 2)} s |`,
    `| documents:import (whole command) | ${fmt(importResult.seconds)} s | ${fmt(importResult.docsPerSecond, 0)} | ${fmt(ratio, 2)}x baseline; peak RSS ${fmt(importResult.peakRssMb, 0)} MB; CPU user ${fmt(importResult.userSeconds ?? Number.NaN)} s, sys ${fmt(importResult.systemSeconds ?? Number.NaN)} s |`,
    `| — checking the lines (boot, CSV, validation, file type) | ${fmt(importResult.checkSeconds)} s | ${fmt(documents / importResult.checkSeconds, 0)} | |`,
    `| — publishing (files stored, rows inserted, batch closed) | ${fmt(importResult.publishSeconds)} s | ${fmt(documents / importResult.publishSeconds, 0)} | as the command reports it |`,
    `| notification fan-out, end of import → ${finished ? 'last e-mail at SMTP' : `**not finished**: stopped after ${fanoutMaxSeconds} s`} | ${fmt(fanout.seconds)} s | | ${finished ? '' : `${fmt(expected / Math.max(fanout.mailsPerSecond, 0.001) / 60, 0)} min for all at this rate; `}${fanout.messages.toLocaleString('en')} of ${expected.toLocaleString('en')} e-mails to ${fanout.distinctRecipients.toLocaleString('en')} recipients, ${fmt(fanout.mailsPerSecond, 0)} e-mails/s, ${fmt(fanout.megabytes)} MB; batch notified after ${fmt(fanout.notifiedSeconds ?? Number.NaN)} s, first e-mail after ${fmt(fanout.firstMailSeconds ?? Number.NaN)} s; ${fanout.duplicates} duplicates |`,
    '',
    `Documents list (GET /documents as ${seeded.listUser.email}, Inertia JSON, ${listConnections} connections at ${listRate > 0 ? `${listRate} requests/s` : 'full speed'}; latency as the client saw it, ms):`,
    '',
    '| window | answers | req/s | p50 | p95 | p99 | max | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    listRow(`idle (${idleSeconds} s)`, listDuring.idle),
    listRow('during the import', listDuring.import),
    listRow('during the fan-out', listDuring.fanout),
    '',
    `Peak RSS: import ${fmt(importResult.peakRssMb, 0)} MB (${importResult.peakFrom}); web server ${fmt(peaks.server, 0)} MB, worker ${fmt(peaks.worker, 0)} MB (VmHWM).`,
    `Load average after the run: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(
        ' '
      )}. The import ran with --quiet: without it, it draws a progress bar (documents, rate, ETA); BENCH_PROGRESS=1 shows it here.`,
    '',
    '| target | measured | result |',
    '|---|---:|---|',
    ...checks.map((c) => `| ${c.what} | ${c.value} | ${c.met ? 'MET' : 'MISSED'} |`),
  ]
  console.log(lines.join('\n'))

  let hotspots: string | null = null
  if (profile) {
    const profiles = readdirSync(profilesDir).filter((name) => name.endsWith('.cpuprofile'))
    if (profiles.length) {
      hotspots = summarizeProfile(join(profilesDir, profiles[0]))
      console.log(`\nCPU profile of the import (${join(profilesDir, profiles[0])}):\n${hotspots}`)
    }
  }

  writeFileSync(
    join(root, 'result.json'),
    JSON.stringify(
      {
        documents,
        bytes: files.bytes,
        numbers: seeded.numbers,
        listRate,
        listConnections,
        baseline,
        import: importResult,
        fanout,
        list: listDuring,
        peaks,
        checks,
        targets: TARGETS,
      },
      null,
      2
    )
  )
  say(`written: ${join(root, 'result.json')}; logs in ${logsDir}`)
} finally {
  await list?.stop().catch(() => undefined)
  await stop(worker)
  await stop(server)
  await sink.close()
  await sql.end()
  // The stored files and the scratch copy go; the generated folder stays for the next run.
  rmSync(storageDir, { recursive: true, force: true })
  rmSync(scratchDir, { recursive: true, force: true })
}
