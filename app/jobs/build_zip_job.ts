import { createHash } from 'node:crypto'
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream'
import type { Job } from 'bullmq'
import { ZipArchive } from 'archiver'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import Download from '#models/download'
import Document from '#models/document'
import DocumentFile from '#models/document_file'
import { tenantContext } from '#tenancy/tenant_context'
import { cleanFileName } from '#services/document_storage'

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

/** Passes bytes through while hashing them; checks the hash at the end. */
function verifying(expected: string, name: string): Transform {
  const hash = createHash('sha256')
  return new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      const actual = hash.digest('hex')
      callback(actual === expected ? null : new Error(`${name} does not match its SHA-256`))
    },
  })
}

/** One file to put into a ZIP: where to read it and the SHA-256 it must have. */
export interface ZipSource {
  name: string
  date: Date
  sha256: string
  open(): Promise<Readable>
}

/**
 * Writes the sources into `output` as one ZIP, one file after the other (only
 * one file open at a time, whatever their number), checking each file's
 * SHA-256 on the way. PDFs are compressed already: entries are stored, not
 * deflated. `onEntry` runs after each file is in the archive. On a failure
 * the archive is aborted (which ends `output`) and the error is thrown.
 */
export async function writeZip<Source extends ZipSource>(
  sources: Iterable<Source>,
  output: Writable,
  onEntry?: (source: Source) => Promise<void>
): Promise<void> {
  const archive = new ZipArchive({ store: true })
  archive.pipe(output)
  let failure: Error | null = null
  archive.on('error', (error: Error) => {
    failure = error
  })

  try {
    for (const entry of sources) {
      const stored = await entry.open()
      const source = stored.pipe(verifying(entry.sha256, entry.name))
      stored.once('error', (error) => source.destroy(error))
      await new Promise<void>((resolve, reject) => {
        source.once('error', reject)
        archive.once('entry', () => resolve())
        archive.append(source, { name: entry.name, date: entry.date })
      })
      await onEntry?.(entry)
    }
    await archive.finalize()
    if (failure) throw failure
  } catch (error) {
    archive.abort()
    throw error
  }
}

/**
 * DOC-4: streams the selected PDFs into a ZIP on the drive disk without
 * holding it in memory, checking each file's SHA-256 on the way, and
 * records progress. A retry starts the ZIP again under the same key.
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
          open: () => drive.use().getStream(file.storageKey),
        },
      ]
    })

    const output = new PassThrough()
    const upload = drive.use().putStream(key, output, { contentType: 'application/zip' })
    // Awaited below on success; on failure the ZIP is abandoned (and overwritten by a retry).
    upload.catch(() => undefined)

    try {
      await writeZip(sources, output, async ({ index }) => {
        if (index % 10 === 9) {
          download.done = index + 1
          await download.save()
          await job.updateProgress(Math.round(((index + 1) / documents.length) * 100))
        }
      })
      await upload
    } catch (error) {
      download.merge({ status: 'failed', error: (error as Error).message })
      await download.save()
      throw error
    }

    const { contentLength: size } = await drive.use().getMetaData(key)
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
