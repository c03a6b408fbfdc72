import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PassThrough } from 'node:stream'
import { UnrecoverableError, type Job } from 'bullmq'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import Download from '#models/download'
import Document from '#models/document'
import DocumentFile from '#models/document_file'
import { tenantContext } from '#tenancy/tenant_context'
import { cleanFileName, documentStorage, WHOLE_FILE_BYTES } from '#services/document_storage'
import { StoredZipWriter } from '#services/zip_writer'

export interface ZipJobData {
  tenantId: number
  downloadId: number
}

/** Names inside the ZIP: safe (no folders, no `..`) and unique. */
export function zipEntryNames(titles: string[]): string[] {
  const used = new Map<string, number>()
  return titles.map((title) => {
    const base = cleanFileName(title, 'document').replace(/\.pdf$/i, '')
    const key = base.toLowerCase()
    const count = (used.get(key) ?? 0) + 1
    used.set(key, count)
    return count === 1 ? `${base}.pdf` : `${base} (${count}).pdf`
  })
}

/** The ZIP's write buffer: room for a few files on their way to the disk while the next are read. */
export const ZIP_BUFFER_BYTES = 4 * WHOLE_FILE_BYTES
/** Small files read ahead of the one being written. */
const READ_AHEAD = 3

/** One file to put into a ZIP: where it is stored, its size and the SHA-256 it must have. */
export interface ZipSource {
  name: string
  date: Date
  sha256: string
  size: number
  storageKey: string
}

export interface ZipOptions<Source> {
  /** Runs after each file is in the archive. */
  onEntry?: (source: Source) => Promise<void>
  /** Through the drive's generic API even on the local disk (what S3 gets; for the tests). */
  viaDrive?: boolean
}

const SHA_MISMATCH = 'does not match its SHA-256'

/** A stored file that no longer matches its SHA-256: retrying cannot help. */
class ShaMismatch extends UnrecoverableError {
  constructor(name: string) {
    super(`${name} ${SHA_MISMATCH}`)
  }
}

/**
 * Why a ZIP failed, for its owner: `damaged`, a file no longer matches
 * what was published (trying again cannot help); `error`, anything else.
 */
export function zipFailure(error: string | null): 'damaged' | 'error' {
  return error?.endsWith(SHA_MISMATCH) ? 'damaged' : 'error'
}

function check(source: ZipSource, bytes: Uint8Array): Uint8Array {
  if (createHash('sha256').update(bytes).digest('hex') !== source.sha256) {
    throw new ShaMismatch(source.name)
  }
  return bytes
}

/** A large file's chunks, hashed on the way; the hash is checked at its end. */
async function* streamChecked(source: ZipSource): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256')
  const stream = await drive.use().getStream(source.storageKey)
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk)
    yield chunk
  }
  if (hash.digest('hex') !== source.sha256) throw new ShaMismatch(source.name)
}

/**
 * Read buffers used again and again (no garbage per file): a buffer goes
 * back to the pool once the disk has written the bytes read into it.
 */
class BufferPool {
  #free: Buffer[]
  #waiting: ((buffer: Buffer) => void)[] = []

  constructor(count: number, bytes: number) {
    this.#free = Array.from({ length: count }, () => Buffer.allocUnsafe(bytes))
  }

  take(): Promise<Buffer> {
    const buffer = this.#free.pop()
    return buffer ? Promise.resolve(buffer) : new Promise((resolve) => this.#waiting.push(resolve))
  }

  give(buffer: Buffer) {
    const waiting = this.#waiting.shift()
    if (waiting) waiting(buffer)
    else this.#free.push(buffer)
  }
}

/**
 * Reads the file at `path` into `buffer`, up to the buffer's length (one
 * byte more than any file read this way: a file that fills it has grown
 * and fails its SHA-256 check).
 */
function readInto(path: string, buffer: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fs.open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError)
      let length = 0
      const finish = (error: Error | null) =>
        fs.close(fd, () => (error ? reject(error) : resolve(buffer.subarray(0, length))))
      const next = () =>
        fs.read(fd, buffer, length, buffer.length - length, length, (error, bytes) => {
          if (error) return finish(error)
          length += bytes
          if (bytes === 0 || length === buffer.length) return finish(null)
          next()
        })
      next()
    })
  })
}

/** Where the ZIP goes: straight to the local disk's file, or up through the drive. */
async function openTarget(key: string, viaDrive: boolean) {
  const path = viaDrive ? null : documentStorage.localPath(key)
  if (path) {
    await mkdir(dirname(path), { recursive: true })
    const output = fs.createWriteStream(path, { highWaterMark: ZIP_BUFFER_BYTES })
    const done = new Promise<void>((resolve, reject) => {
      output.once('error', reject)
      output.once('close', resolve)
    })
    return { output, done, local: true }
  }
  const output = new PassThrough({ highWaterMark: ZIP_BUFFER_BYTES })
  const done = drive.use().putStream(key, output, { contentType: 'application/zip' })
  return { output, done, local: false }
}

/**
 * Writes the sources as one ZIP of stored entries (PDFs are compressed
 * already) under `key` on the drive disk, checking each file's SHA-256;
 * returns the ZIP's size. A file of up to `WHOLE_FILE_BYTES` (an invoice is
 * ~100 KB) is read whole, a few ahead of the one being written, and
 * checked before a byte of it is in the ZIP; a larger one streams, its
 * hash checked at its end. On the local disk files are read into a few
 * reused buffers and the ZIP written to its file directly; elsewhere (S3)
 * through the drive's streams. Memory stays flat whatever the number of
 * files. On a failure the partial ZIP is removed and the error thrown.
 */
export async function writeZip<Source extends ZipSource>(
  sources: Source[],
  key: string,
  options: ZipOptions<Source> = {}
): Promise<number> {
  const target = await openTarget(key, !!options.viaDrive)
  target.done.catch(() => undefined)
  const zip = new StoredZipWriter(target.output)
  const pool = target.local ? new BufferPool(READ_AHEAD + 3, WHOLE_FILE_BYTES + 1) : null
  type Read = { bytes: Uint8Array; buffer?: Buffer }
  const read = async (source: Source): Promise<Read> => {
    const path = pool && documentStorage.localPath(source.storageKey)
    if (!pool || !path)
      return { bytes: check(source, await drive.use().getBytes(source.storageKey)) }
    const buffer = await pool.take()
    try {
      return { bytes: check(source, await readInto(path, buffer)), buffer }
    } catch (error) {
      pool.give(buffer)
      throw error
    }
  }
  const whole = (source: Source | undefined) =>
    source && source.size <= WHOLE_FILE_BYTES ? read(source) : null

  // Files read ahead while the current one is written (their reads run in parallel).
  const ahead: (Promise<Read> | null)[] = []
  const readAhead = (upTo: number) => {
    while (ahead.length < upTo) {
      const source = sources[index + ahead.length]
      const pending = whole(source)
      // Settled below, or abandoned with the ZIP: never an unhandled rejection meanwhile.
      pending?.catch(() => undefined)
      ahead.push(pending)
    }
  }
  let index = 0
  try {
    for (; index < sources.length; index++) {
      const source = sources[index]
      readAhead(READ_AHEAD)
      const current = ahead.shift()!
      if (current) {
        const { bytes, buffer } = await current
        await zip.addBuffer(source.name, source.date, bytes, buffer && (() => pool!.give(buffer)))
      } else {
        await zip.addStream(source.name, source.date, streamChecked(source), source.size)
      }
      await options.onEntry?.(source)
    }
    await zip.finish()
    await target.done
    return zip.size
  } catch (error) {
    target.output.destroy(error as Error)
    await target.done.catch(() => undefined)
    await drive
      .use()
      .delete(key)
      .catch(() => undefined)
    throw error
  }
}

/**
 * DOC-4: streams the selected PDFs into a ZIP on the drive disk without
 * holding it in memory, checking each file's SHA-256 on the way, and
 * records progress. A retry (BullMQ's, or the owner's "Try again") starts
 * the ZIP again under the same key.
 *
 * @spec DOC-4
 */
export async function buildZipJob(job: Job<ZipJobData>): Promise<'finished' | 'skipped'> {
  return tenantContext.run(job.data.tenantId, async () => {
    const download = await Download.find(job.data.downloadId)
    if (!download || download.status === 'finished') return 'skipped'
    download.merge({ status: 'running', done: 0, error: null })
    await download.save()

    const documents = await Document.query()
      .whereIn('id', download.selection())
      .orderBy('issue_date', 'desc')
    const files = await DocumentFile.query()
      .whereIn(
        'document_id',
        documents.map((document) => document.id)
      )
      .where('kind', 'pdf')
    const names = zipEntryNames(documents.map((document) => document.number ?? document.title))
    const key = `t${download.tenantId}/downloads/${download.id}.zip`
    const fileOf = new Map<number, DocumentFile>()
    for (const file of files) if (!fileOf.has(file.documentId)) fileOf.set(file.documentId, file)
    const sources = documents.flatMap((document, index) => {
      const file = fileOf.get(document.id)
      if (!file) return []
      return [
        {
          index,
          name: names[index],
          date: document.issueDate.toJSDate(),
          sha256: file.sha256,
          size: Number(file.size),
          storageKey: file.storageKey,
        },
      ]
    })

    let size: number
    try {
      size = await writeZip(sources, key, {
        onEntry: async ({ index }) => {
          if (index % 10 === 9) {
            download.done = index + 1
            await download.save()
            await job.updateProgress(Math.round(((index + 1) / documents.length) * 100))
          }
        },
      })
    } catch (error) {
      // Queued again while BullMQ has attempts left; failed once it has none (or cannot help).
      const final =
        error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      download.merge({ status: final ? 'failed' : 'queued', error: (error as Error).message })
      await download.save()
      throw error
    }

    download.merge({
      status: 'finished',
      done: documents.length,
      storageKey: key,
      size,
      finishedAt: DateTime.now(),
    })
    await download.save()
    return 'finished'
  })
}
