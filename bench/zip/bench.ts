/**
 * bench/zip: the bulk-ZIP builder of DOC-4 (app/jobs/build_zip_job.ts) on
 * 1,000 PDFs of about 100 KB, against `zip -0` on the same files in the same
 * run. Targets (from the issue): throughput >= 0.8x `zip -0`, first byte of
 * the ZIP within 200 ms, memory growth under 64 MB whatever the number of
 * files (checked again at other file counts, 200 and 5,000 by default).
 *
 * The app side runs `writeZip`, the function the job runs (SHA-256 of each
 * file checked, entries stored, the ZIP written under a key of the disk), in
 * an Adonis application booted like `node ace` boots it (fs disk under
 * tmp/bench/zip/drive): on the local disk it reads into reused buffers and
 * writes the ZIP's file directly. For reference, the same ZIP through the
 * drive's generic streams (the path of a remote disk such as S3) and a plain
 * copy of the files through the drive's streams. Not measured: the job's two
 * database queries and its progress saves (one UPDATE and one Redis call per
 * 10 files).
 *
 * Each app build runs in a fresh process (booted, warmed up on a 200-file ZIP,
 * then measured), so its memory growth is not hidden by an earlier round.
 * Memory is sampled every 20 ms; growth is the peak over the figure taken
 * right before the build, after a garbage collection (the target is on peak
 * RSS growth). "Retained after GC" is what the build still holds once it is
 * over and garbage is collected: what would pile up with the number of files.
 *
 * Settings: BENCH_FILES (1000), BENCH_ROUNDS (5: this machine's disk varies a lot from one run to the next), BENCH_SCALE_FILES ("200,5000",
 * comma-separated, empty for none). Run with `bash bench/zip/run.sh`.
 */
import { fork, spawn, execFileSync } from 'node:child_process'
import { createCipheriv, createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { performance } from 'node:perf_hooks'

const ROOT = 'tmp/bench/zip'
/** The drive's fs disk: run.sh sets DRIVE_FS_ROOT to this folder. */
const DRIVE_ROOT = join(ROOT, 'drive')
const PDF_FOLDER = 'pdfs'
const MANIFEST = join(DRIVE_ROOT, PDF_FOLDER, 'manifest.json')
/** Bump when the generated files change. */
const DATA_VERSION = 1

const files = Number(process.env.BENCH_FILES ?? 1000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const scaleFiles = (process.env.BENCH_SCALE_FILES ?? '200,5000')
  .split(',')
  .filter((value) => value.trim() !== '')
  .map(Number)

const targets = { ratio: 0.8, firstByteMs: 200, growthMb: 64 }

interface PdfFile {
  key: string
  title: string
  size: number
  sha256: string
}

interface Manifest {
  version: number
  files: PdfFile[]
}

interface AppRun {
  seconds: number
  firstByteMs: number
  zipBytes: number
  rssGrowthMb: number
  heapGrowthMb: number
  externalGrowthMb: number
  /** Heap and external memory still held after the build and a garbage collection. */
  retainedMb: number
  samples: number
  /** The reference copy (no ZIP) of the same files through the drive. */
  copySeconds: number
  /** The same ZIP through the drive's generic streams (what a remote disk such as S3 gets). */
  driveSeconds: number
}

const MB = 1024 * 1024

/* ------------------------------------------------------------------------------------------
 * Data: PDF-like files (a valid one-page PDF carrying an unreferenced binary stream), sizes
 * 90-110 KB, bytes from AES-256-CTR with a fixed key: the same files on every machine, and
 * incompressible like the Flate and JPEG streams of real PDFs.
 * ---------------------------------------------------------------------------------------- */

function pdf(index: number): Buffer {
  const key = createHash('sha256').update('bench/zip').digest()
  const iv = Buffer.alloc(16)
  iv.writeUInt32BE(index, 0)
  const keystream = createCipheriv('aes-256-ctr', key, iv)
  const size = 90_000 + (keystream.update(Buffer.alloc(4)).readUInt32BE(0) % 20_001)
  const text = `BT /F1 18 Tf 72 770 Td (Invoice ${index + 1}) Tj ET`
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
        '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>'
    ),
    Buffer.from(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`),
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let length = parts[0].length
  const offsets: number[] = []
  const add = (part: Buffer) => {
    parts.push(part)
    length += part.length
  }
  for (const [number, body] of objects.entries()) {
    offsets.push(length)
    add(Buffer.from(`${number + 1} 0 obj\n`))
    add(body)
    add(Buffer.from('\nendobj\n'))
  }
  // The padding: a binary stream, so that the file is about `size` bytes.
  offsets.push(length)
  const streamLength = size - length - 250
  add(Buffer.from(`5 0 obj\n<< /Length ${streamLength} >>\nstream\n`))
  add(keystream.update(Buffer.alloc(streamLength)))
  add(Buffer.from('\nendstream\nendobj\n'))
  const xrefAt = length
  add(
    Buffer.from(
      'xref\n0 6\n0000000000 65535 f \n' +
        offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
        `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
    )
  )
  return Buffer.concat(parts)
}

function prepareData(count: number): PdfFile[] {
  if (existsSync(MANIFEST)) {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest
    if (manifest.version === DATA_VERSION && manifest.files.length >= count) return manifest.files
  }
  const started = performance.now()
  rmSync(join(DRIVE_ROOT, PDF_FOLDER), { recursive: true, force: true })
  mkdirSync(join(DRIVE_ROOT, PDF_FOLDER), { recursive: true })
  const list: PdfFile[] = []
  for (let index = 0; index < count; index++) {
    const bytes = pdf(index)
    const name = `doc-${String(index + 1).padStart(5, '0')}.pdf`
    writeFileSync(join(DRIVE_ROOT, PDF_FOLDER, name), bytes)
    list.push({
      key: `${PDF_FOLDER}/${name}`,
      title: `INV-2026-${String(index + 1).padStart(5, '0')}`,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
  }
  writeFileSync(MANIFEST, JSON.stringify({ version: DATA_VERSION, files: list } satisfies Manifest))
  // Written back to disk now, not during a measurement.
  execFileSync('sync')
  console.error(
    `generated ${count} PDFs (${(list.reduce((sum, file) => sum + file.size, 0) / MB).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  )
  return list
}

/* ------------------------------------------------------------------------------------------
 * Child process: one measured build by the application's code.
 * ---------------------------------------------------------------------------------------- */

async function appChild(count: number) {
  process.env.TZ = 'UTC'
  await import('reflect-metadata')
  const { Ignitor } = await import('@adonisjs/core')
  const APP_ROOT = new URL('../../', import.meta.url)
  const app = new Ignitor(APP_ROOT, {
    importer: (filePath: string) =>
      filePath.startsWith('./') || filePath.startsWith('../')
        ? import(new URL(filePath, APP_ROOT).href)
        : import(filePath),
  })
    .tap((application) => {
      application.booting(async () => {
        await import('#start/env')
      })
    })
    .createApp('console')
  await app.init()
  await app.boot()
  const { default: drive } = await import('@adonisjs/drive/services/main')
  const { writeZip, zipEntryNames } = await import('#jobs/build_zip_job')

  const list = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest).files
  const date = new Date('2026-01-31T00:00:00Z')

  /**
   * What the job does (writeZip under a key of the disk). The first byte is
   * taken as the moment the first file is in the ZIP's stream (its header
   * went out before that, so this is an upper bound).
   */
  async function build(selection: PdfFile[], key: string, viaDrive = false) {
    const names = zipEntryNames(selection.map((file) => file.title))
    const sources = selection.map((file, index) => ({
      name: names[index],
      date,
      sha256: file.sha256,
      size: file.size,
      storageKey: file.key,
    }))
    const started = performance.now()
    let firstByteAt: number | undefined
    const zipBytes = await writeZip(sources, key, {
      viaDrive,
      onEntry: async () => {
        firstByteAt ??= performance.now()
      },
    })
    const seconds = (performance.now() - started) / 1000
    return { seconds, firstByteMs: (firstByteAt ?? Number.NaN) - started, zipBytes }
  }

  /**
   * For reference, not a target: the same files copied end to end into one
   * file through the same drive streams, with no ZIP and no hashing. The
   * floor of any design that keeps the drive's per-file streams.
   */
  async function copy(selection: PdfFile[], key: string) {
    const started = performance.now()
    const output = new PassThrough()
    const upload = drive.use().putStream(key, output)
    upload.catch(() => undefined)
    for (const file of selection) {
      const stored = await drive.use().getStream(file.key)
      await new Promise<void>((resolve, reject) => {
        stored.once('error', reject)
        stored.once('end', resolve)
        stored.pipe(output, { end: false })
      })
    }
    output.end()
    await upload
    return (performance.now() - started) / 1000
  }

  // Warm-up (JIT, file handles, the drive's folders), then a clean baseline.
  await build(list.slice(0, Math.min(200, count)), 'out/warmup.zip')
  const gc = (globalThis as { gc?: () => void }).gc
  const collect = async () => {
    // Twice, with a pause: buffers of closed streams are released a tick later.
    gc?.()
    await new Promise((resolve) => setTimeout(resolve, 100))
    gc?.()
  }
  await collect()
  const base = process.memoryUsage()
  const peak = { rss: base.rss, heapUsed: base.heapUsed, external: base.external }
  let samples = 0
  const sample = () => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss)
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed)
    peak.external = Math.max(peak.external, now.external)
    samples++
  }
  const sampler = setInterval(sample, 20)
  const result = await build(list.slice(0, count), 'out/app.zip')
  sample()
  clearInterval(sampler)
  await collect()
  const after = process.memoryUsage()
  await copy(list.slice(0, Math.min(200, count)), 'out/copy.bin')
  const copySeconds = await copy(list.slice(0, count), 'out/copy.bin')
  const { seconds: driveSeconds } = await build(list.slice(0, count), 'out/drive.zip', true)

  const run: AppRun = {
    ...result,
    rssGrowthMb: (peak.rss - base.rss) / MB,
    heapGrowthMb: (peak.heapUsed - base.heapUsed) / MB,
    externalGrowthMb: (peak.external - base.external) / MB,
    retainedMb: (after.heapUsed + after.external - base.heapUsed - base.external) / MB,
    samples,
    copySeconds,
    driveSeconds,
  }
  if (process.send) process.send(run)
  else console.log(run)
  await app.terminate()
}

/* ------------------------------------------------------------------------------------------
 * Parent process: data, rounds, baseline, checks, table.
 * ---------------------------------------------------------------------------------------- */

function runApp(count: number): Promise<AppRun> {
  rmSync(join(DRIVE_ROOT, 'out/app.zip'), { force: true })
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['app', String(count)], {
      execArgv: ['--import=@poppinss/ts-exec', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let result: AppRun | undefined
    child.on('message', (message) => {
      result = message as AppRun
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result)
      else reject(new Error(`the app build (${count} files) exited with ${code}`))
    })
  })
}

/** `zip -0 -q out.zip files...` in the PDFs' folder; the wall time of the process. */
function runZip(list: PdfFile[]): Promise<{ seconds: number; zipBytes: number }> {
  const output = join(process.cwd(), ROOT, 'zip-0.zip')
  // zip would update an existing archive.
  rmSync(output, { force: true })
  const names = list.map((file) => file.key.slice(PDF_FOLDER.length + 1))
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('zip', ['-0', '-q', output, ...names], {
      cwd: join(DRIVE_ROOT, PDF_FOLDER),
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000
      if (code === 0) resolve({ seconds, zipBytes: statSync(output).size })
      else reject(new Error(`zip exited with ${code}`))
    })
  })
}

/** unzip tests every CRC; zipinfo says how each entry is compressed. */
function checkArchive(path: string, count: number) {
  execFileSync('unzip', ['-tqq', path])
  const listing = execFileSync('zipinfo', [path], { maxBuffer: 64 * MB }).toString()
  const stored = listing.split('\n').filter((line) => / stor /.test(line)).length
  if (stored !== count) throw new Error(`${path}: ${stored} stored entries, expected ${count}`)
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const loadBefore = loadavg()[0]
  const largest = Math.max(files, ...scaleFiles)
  const all = prepareData(largest)
  mkdirSync(join(DRIVE_ROOT, 'out'), { recursive: true })

  interface Row {
    count: number
    inputBytes: number
    app: AppRun[]
    zip: { seconds: number; zipBytes: number }[]
  }
  const measureCount = async (count: number, times: number): Promise<Row> => {
    const list = all.slice(0, count)
    const row: Row = {
      count,
      inputBytes: list.reduce((sum, file) => sum + file.size, 0),
      app: [],
      zip: [],
    }
    for (let round = 1; round <= times; round++) {
      // Alternate which goes first, so neither always gets the warmer cache.
      const order = round % 2 === 1 ? ['zip', 'app'] : ['app', 'zip']
      for (const which of order) {
        if (which === 'zip') row.zip.push(await runZip(list))
        else row.app.push(await runApp(count))
      }
      const app = row.app.at(-1)!
      const zip = row.zip.at(-1)!
      console.error(
        `${count} files, round ${round}/${times}: app ${(row.inputBytes / MB / app.seconds).toFixed(0)} MB/s, ` +
          `zip -0 ${(row.inputBytes / MB / zip.seconds).toFixed(0)} MB/s, first byte ${app.firstByteMs.toFixed(1)} ms, ` +
          `RSS +${app.rssGrowthMb.toFixed(1)} MB`
      )
      if (round === 1) {
        checkArchive(join(DRIVE_ROOT, 'out/app.zip'), count)
        checkArchive(join(ROOT, 'zip-0.zip'), count)
      }
    }
    return row
  }

  const primary = await measureCount(files, rounds)
  const scale: Row[] = []
  for (const count of scaleFiles) {
    if (count !== files) scale.push(await measureCount(count, 1))
  }

  const summary = (row: Row) => {
    const appSeconds = median(row.app.map((run) => run.seconds))
    const zipSeconds = median(row.zip.map((run) => run.seconds))
    return {
      count: row.count,
      rounds: row.app.length,
      inputMb: row.inputBytes / MB,
      app: {
        mbPerSecond: row.inputBytes / MB / appSeconds,
        filesPerSecond: row.count / appSeconds,
        seconds: appSeconds,
        firstByteMs: median(row.app.map((run) => run.firstByteMs)),
        worstFirstByteMs: Math.max(...row.app.map((run) => run.firstByteMs)),
        rssGrowthMb: Math.max(...row.app.map((run) => run.rssGrowthMb)),
        heapGrowthMb: Math.max(...row.app.map((run) => run.heapGrowthMb)),
        externalGrowthMb: Math.max(...row.app.map((run) => run.externalGrowthMb)),
        retainedMb: Math.max(...row.app.map((run) => run.retainedMb)),
        zipMb: row.app[0].zipBytes / MB,
      },
      copyMbPerSecond: row.inputBytes / MB / median(row.app.map((run) => run.copySeconds)),
      driveMbPerSecond: row.inputBytes / MB / median(row.app.map((run) => run.driveSeconds)),
      zip: {
        mbPerSecond: row.inputBytes / MB / zipSeconds,
        filesPerSecond: row.count / zipSeconds,
        seconds: zipSeconds,
        zipMb: row.zip[0].zipBytes / MB,
      },
      ratio: zipSeconds / appSeconds,
    }
  }
  const results = [primary, ...scale].map(summary)
  const first = results[0]

  const checks = [
    {
      what: `throughput >= ${targets.ratio}x zip -0 (${files} files, median of ${rounds})`,
      value: `${first.ratio.toFixed(2)}x`,
      met: first.ratio >= targets.ratio,
    },
    {
      what: `first byte <= ${targets.firstByteMs} ms (worst run, any file count)`,
      value: `${Math.max(...results.map((row) => row.app.worstFirstByteMs)).toFixed(1)} ms`,
      met: results.every((row) => row.app.worstFirstByteMs <= targets.firstByteMs),
    },
    {
      what: `memory growth (peak RSS) < ${targets.growthMb} MB (worst run, any file count)`,
      value: `${Math.max(...results.map((row) => row.app.rssGrowthMb)).toFixed(1)} MB`,
      met: results.every((row) => row.app.rssGrowthMb < targets.growthMb),
    },
  ]

  const fixed = (value: number, digits = 0) => value.toFixed(digits)
  console.log(
    `\nbench/zip — PDFs of 90-110 KB into one ZIP (stored entries), Node ${process.version}, ` +
      `${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before / ${loadavg()[0].toFixed(1)} after ` +
      `(other work on the machine slows both sides unevenly)\n` +
      `app: writeZip from app/jobs/build_zip_job.ts on the fs disk (${DRIVE_ROOT}), in the ` +
      `booted Adonis app; baseline: zip -0 -q on the same files, same run. MB = 2^20 bytes; ` +
      `throughput = PDF bytes / wall time (median of the rounds); first byte: until the first ` +
      `file is in the ZIP's stream; growth = peak over the figure before the build (worst of the ` +
      `rounds). References: plain copy of the same files through the drive's streams into one ` +
      `file (no ZIP, no hashing); the ZIP through the drive's generic streams (remote disks).\n`
  )
  console.log(
    '| files | input MB | rounds | app MB/s | app files/s | zip -0 MB/s | zip -0 files/s | app / zip -0 | first byte ms (median / worst) | plain copy MB/s (reference) | app via drive streams MB/s (reference) |'
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const row of results) {
    console.log(
      `| ${row.count} | ${fixed(row.inputMb)} | ${row.rounds} | ${fixed(row.app.mbPerSecond)} | ` +
        `${fixed(row.app.filesPerSecond)} | ${fixed(row.zip.mbPerSecond)} | ${fixed(row.zip.filesPerSecond)} | ` +
        `${row.ratio.toFixed(2)} | ${fixed(row.app.firstByteMs, 1)} / ${fixed(row.app.worstFirstByteMs, 1)} | ` +
        `${fixed(row.copyMbPerSecond)} | ${fixed(row.driveMbPerSecond)} |`
    )
  }
  console.log('')
  console.log(
    '| files | peak RSS growth MB | peak heap growth MB | peak external growth MB | retained after GC MB | ZIP MB app / zip -0 |'
  )
  console.log('|---:|---:|---:|---:|---:|---:|')
  for (const row of results) {
    console.log(
      `| ${row.count} | ${fixed(row.app.rssGrowthMb, 1)} | ${fixed(row.app.heapGrowthMb, 1)} | ` +
        `${fixed(row.app.externalGrowthMb, 1)} | ${fixed(row.app.retainedMb, 1)} | ` +
        `${fixed(row.app.zipMb, 1)} / ${fixed(row.zip.zipMb, 1)} |`
    )
  }
  console.log('')
  console.log('| target | measured | |')
  console.log('|---|---:|---|')
  for (const check of checks) {
    console.log(`| ${check.what} | ${check.value} | ${check.met ? 'met' : 'MISSED'} |`)
  }

  writeFileSync(join(ROOT, 'result.json'), JSON.stringify({ results, checks }, null, 2))
}

if (process.argv[2] === 'app') {
  await appChild(Number(process.argv[3]))
} else {
  await main()
}
