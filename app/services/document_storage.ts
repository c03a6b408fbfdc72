import { createHash, randomUUID } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  mkdirSync,
  fstatSync,
  openSync,
  readSync,
  writeFileSync,
} from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { fileTypeFromFile } from 'file-type'
import drive from '@adonisjs/drive/services/main'
import { FSDriver } from '@adonisjs/drive/drivers/fs'
import config from '@adonisjs/core/services/config'
import type DocumentFile from '#models/document_file'
import type { DocumentFileKind } from '#config/documents'
import { inParallel } from '#services/concurrency'

export interface StoredFile {
  storageKey: string
  sha256: string
  size: number
  mime: string
  originalName: string
}

/** Files up to this size are read whole when stored (see put()) or zipped. */
export const WHOLE_FILE_BYTES = 1024 * 1024

/** Why a file was refused; the caller turns it into a message on the field. */
export class RefusedFile extends Error {
  constructor(public reason: 'too_large' | 'empty' | 'wrong_type') {
    super(reason)
  }
}

/** The file's integrity check failed on download: it was changed or damaged on disk. */
export class CorruptFile extends Error {}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/xml': 'xml',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

/** A name safe to show and to put in a Content-Disposition or a ZIP. */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200)
  return cleaned || fallback
}

/**
 * XML without a declaration is not recognised by its magic bytes; a file
 * whose first non-blank byte opens a tag, and which holds no NUL bytes, is.
 */
async function looksLikeXml(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.includes(0)) return false
    const text = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
    return text.startsWith('<')
  } finally {
    await handle.close()
  }
}

/**
 * The size of the regular file at `path` and whether it starts with
 * `%PDF` (file-type answers application/pdf for exactly those: no check
 * before its PDF one matches a file that starts so); null when there is no
 * regular file there. Synchronous on purpose: an open, an fstat and a
 * 4-byte read from the page cache take microseconds, where file-type's
 * tokenizer costs several round trips to the thread pool; the import checks
 * every file of a run this way.
 */
function inspect(path: string): { size: number; pdf: boolean } | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) return null
    const head = Buffer.alloc(4)
    const pdf =
      info.size >= 4 && readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === '%PDF'
    return { size: info.size, pdf }
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/** A new file's generated key and its description (not stored yet). */
function newFile(
  tenantId: number,
  file: { name: string },
  size: number,
  mime: string
): Omit<StoredFile, 'sha256'> {
  const now = new Date()
  const extension = EXTENSIONS[mime] ?? 'bin'
  const month = String(now.getUTCMonth() + 1).padStart(2, '0')
  return {
    storageKey: `t${tenantId}/documents/${now.getUTCFullYear()}/${month}/${randomUUID()}.${extension}`,
    size,
    mime,
    originalName: cleanFileName(file.name, `document.${extension}`),
  }
}

/**
 * The file at `path` read into `buffer` (a view of it), expecting `size`
 * bytes: one read when it has that size; a view of another length when it
 * has not (one byte more at most).
 */
function readWhole(path: string, buffer: Buffer, size: number): Buffer {
  const window = Math.min(buffer.length, size + 1)
  const fd = openSync(path, 'r')
  try {
    let length = 0
    for (;;) {
      const bytes = readSync(fd, buffer, length, window - length, length)
      length += bytes
      if (bytes === 0 || length >= size) return buffer.subarray(0, length)
    }
  } finally {
    closeSync(fd)
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

/**
 * DOC-1: document files on the drive disk (local or S3), under generated
 * keys, checked by content and size, with a SHA-256 verified on every read.
 *
 * @spec DOC-1
 */
export const documentStorage = {
  /** A regular file's size and whether it starts as a PDF (see inspect()); null when absent. */
  inspect(path: string): { size: number; pdf: boolean } | null {
    return inspect(path)
  },

  async detect(path: string): Promise<string | null> {
    if (inspect(path)?.pdf) return 'application/pdf'
    const detected = await fileTypeFromFile(path)
    if (detected) return detected.mime === 'text/xml' ? 'application/xml' : detected.mime
    return (await looksLikeXml(path)) ? 'application/xml' : null
  },

  /** Checks and stores an uploaded (temporary) file. Nothing is stored when refused. */
  async store(
    tenantId: number,
    kind: DocumentFileKind,
    file: { path: string; name: string },
    /** Narrows the kind's accepted types (a tenant's upload settings). */
    only?: string[]
  ): Promise<StoredFile> {
    const { size } = await stat(file.path)
    if (size === 0) throw new RefusedFile('empty')
    if (size > config.get<number>('documents.maxFileBytes')) throw new RefusedFile('too_large')
    const mime = await this.detect(file.path)
    const allowed = config.get<Record<DocumentFileKind, string[]>>('documents.allowedTypes')[kind]
    if (!mime || !allowed.includes(mime) || (only && !only.includes(mime))) {
      throw new RefusedFile('wrong_type')
    }

    return this.put(tenantId, file, size, mime)
  },

  /**
   * Writes a file already checked (size, type) to the disk under a new key,
   * hashing it on the way: one read of the file.
   */
  async put(
    tenantId: number,
    file: { path: string; name: string },
    size: number,
    mime: string
  ): Promise<StoredFile> {
    const stored = newFile(tenantId, file, size, mime)
    const { storageKey } = stored
    /**
     * Most documents are small (an invoice PDF is about 100 KB): read at
     * once, hashed and written from the same buffer, a file costs a read
     * and a write like `cp`, without a stream's per-chunk work. Larger
     * files stream, so memory stays flat whatever their size.
     */
    if (size <= WHOLE_FILE_BYTES) {
      const bytes = await readFile(file.path)
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      await drive.use().put(storageKey, bytes, { contentType: mime })
      return { ...stored, sha256 }
    }
    const hash = createHash('sha256')
    const hashing = new Transform({
      transform(chunk, _encoding, callback) {
        hash.update(chunk)
        callback(null, chunk)
      },
    })
    const source = createReadStream(file.path)
    source.on('error', (error) => hashing.destroy(error))
    await drive.use().putStream(storageKey, source.pipe(hashing), { contentType: mime })
    return { ...stored, sha256: hash.digest('hex') }
  },

  /**
   * Stores many files already checked (size, type): a bulk import's chunk.
   * On the local disk each small file is copied with synchronous calls (open,
   * read, close; open, write, close) through one reused buffer and hashed
   * from it: a run of tens of thousands of files spends its time in the
   * kernel, like `cp`, instead of in thread-pool round trips and garbage
   * (the event loop gets a turn every few files). A file whose size (or, for
   * a PDF, its first bytes) is no longer what was checked is refused. Elsewhere, and for large files,
   * put() several at a time. On a failure the files stored so far are
   * removed and the error thrown.
   */
  async putMany(
    tenantId: number,
    files: { path: string; name: string; size: number; mime: string }[]
  ): Promise<StoredFile[]> {
    const root = this.localPath('')
    if (root === null) {
      return inParallel(files, 8, (file) => this.put(tenantId, file, file.size, file.mime))
    }
    const stored: StoredFile[] = []
    const folders = new Set<string>()
    const buffer = Buffer.allocUnsafe(WHOLE_FILE_BYTES + 1)
    try {
      for (const [index, file] of files.entries()) {
        if (file.size > WHOLE_FILE_BYTES) {
          stored.push(await this.put(tenantId, file, file.size, file.mime))
          continue
        }
        const entry = newFile(tenantId, file, file.size, file.mime)
        const bytes = readWhole(file.path, buffer, file.size)
        // Checked before (size, type): another program may have written to it since.
        const stillPdf =
          file.mime !== 'application/pdf' || bytes.subarray(0, 4).toString('latin1') === '%PDF'
        if (bytes.length !== file.size || !stillPdf) {
          throw new Error(`${file.path} changed while it was stored`)
        }
        const target = join(root, entry.storageKey)
        const folder = dirname(target)
        if (!folders.has(folder)) {
          mkdirSync(folder, { recursive: true })
          folders.add(folder)
        }
        // `wx`: a new key never replaces a file.
        writeFileSync(target, bytes, { flag: 'wx' })
        stored.push({ ...entry, sha256: createHash('sha256').update(bytes).digest('hex') })
        if (index % 16 === 15) await yieldToEvents()
      }
    } catch (error) {
      await this.remove(stored.map((file) => file.storageKey)).catch(() => undefined)
      throw error
    }
    return stored
  },

  /**
   * Where the file of `key` lies when the disk is the local one (the `fs`
   * driver), for the bulk paths that read or write many files straight
   * through `node:fs`; null on S3 and other remote disks. Keys are the ones
   * this service generates (no `..`, no leading slash).
   */
  localPath(key: string): string | null {
    const driver = drive.use().driver
    if (!(driver instanceof FSDriver)) return null
    const location = driver.options.location
    const root = typeof location === 'string' ? location : fileURLToPath(location)
    if (isAbsolute(key) || key.split('/').includes('..')) throw new Error(`bad storage key ${key}`)
    return join(root, key)
  },

  /** The SHA-256 of a local file (to compare a re-sent file with a stored one). */
  sha256Of(path: string): Promise<string> {
    return sha256Of(path)
  },

  /** The file's bytes, after checking them against the SHA-256 kept at upload. */
  async read(file: Pick<DocumentFile, 'storageKey' | 'sha256'>): Promise<Buffer> {
    const bytes = Buffer.from(await drive.use().getBytes(file.storageKey))
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw new CorruptFile()
    return bytes
  },

  async remove(storageKeys: string[]): Promise<void> {
    await Promise.all(storageKeys.map((key) => drive.use().delete(key)))
  },
}
