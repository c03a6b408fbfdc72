/** @spec DOC-4 */
import { crc32 } from 'node:zlib'
import type { Writable } from 'node:stream'

/** Entries and archives past these sizes or counts need the ZIP64 fields. */
const MAX_32 = 0xffffffff
const MAX_16 = 0xffff

/** General purpose flags: bit 3, sizes and CRC in a data descriptor; bit 11, UTF-8 names. */
const DATA_DESCRIPTOR = 1 << 3
const UTF8 = 1 << 11

/** Version needed to extract: 2.0 (stored, data descriptor), 4.5 (ZIP64). */
const V20 = 20
const V45 = 45
/** Made by: Unix (3), specification 6.3. */
const MADE_BY = (3 << 8) | 63
/** External attributes: a regular file, rw-r--r--. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0

interface Entry {
  name: Buffer
  flags: number
  dosTime: number
  dosDate: number
  crc: number
  size: number
  offset: number
}

/** The MS-DOS date and time of `date` (UTC; the format has no time zone), clamped to 1980-2107. */
function dos(date: Date): { dosTime: number; dosDate: number } {
  const year = date.getUTCFullYear()
  if (year < 1980) return { dosTime: 0, dosDate: (1 << 5) | 1 }
  if (year > 2107)
    return { dosTime: (23 << 11) | (59 << 5) | 29, dosDate: (127 << 9) | (12 << 5) | 31 }
  return {
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

/**
 * A ZIP archive of stored (not compressed) entries, written front to back
 * into a stream: local header and data of each entry, then the central
 * directory. PDFs are compressed already, so a bulk download stores them.
 *
 * Why not a library (ADR 0007): archiver, yazl and client-zip all compute
 * the CRC-32 in JavaScript and pass every chunk through stream machinery;
 * on 1,000 PDFs they reached about 0.45x the throughput of `zip -0`. Here
 * the CRC-32 is Node's native `zlib.crc32` and an entry whose bytes are at
 * hand is written as its header and its bytes, two writes.
 *
 * An entry given whole gets its CRC and size in the local header (read by
 * every unzip, streaming ones too); a streamed entry gets them in a data
 * descriptor after its data. ZIP64 fields are written only where a size,
 * an offset or the entry count needs them (or always, with `forceZip64`,
 * which the tests use to read that path back). Names are UTF-8 (flag 11).
 * The writer honours back-pressure: each call resolves once `output` can
 * take more. It keeps a small record per entry for the central directory.
 */
export class StoredZipWriter {
  #offset = 0
  #entries: Entry[] = []
  #finished = false

  constructor(
    protected output: Writable,
    protected options: { forceZip64?: boolean } = {}
  ) {}

  /** Bytes written so far. */
  get size(): number {
    return this.#offset
  }

  /**
   * An entry whose bytes are all at hand. `written` runs once `output` has
   * handled the bytes (for a file stream: they are on the disk), after
   * which the caller may use their buffer again.
   */
  async addBuffer(
    name: string,
    date: Date,
    bytes: Uint8Array,
    written?: () => void
  ): Promise<void> {
    const entry = this.#entry(name, date, 0)
    entry.crc = crc32(bytes)
    entry.size = bytes.length
    const zip64 = this.options.forceZip64 || entry.size >= MAX_32
    const header = this.#localHeader(entry, zip64 ? V45 : V20, zip64, entry.size)
    this.#entries.push(entry)
    this.#send(header)
    await this.#write(bytes, written)
  }

  /**
   * An entry read from `chunks`; CRC and size follow the data in a data
   * descriptor. `expectedSize` (when known) decides whether the descriptor
   * needs 64-bit sizes; an entry that turns out larger than 4 GiB without
   * them is refused.
   */
  async addStream(
    name: string,
    date: Date,
    chunks: AsyncIterable<Uint8Array>,
    expectedSize?: number
  ): Promise<void> {
    const entry = this.#entry(name, date, DATA_DESCRIPTOR)
    const zip64 = !!this.options.forceZip64 || expectedSize === undefined || expectedSize >= MAX_32
    await this.#write(this.#localHeader(entry, zip64 ? V45 : V20, zip64, 0))
    let crc = 0
    let size = 0
    for await (const chunk of chunks) {
      crc = crc32(chunk, crc)
      size += chunk.length
      await this.#write(chunk)
    }
    if (!zip64 && size >= MAX_32) throw new Error(`${name}: larger than 4 GiB without ZIP64 fields`)
    entry.crc = crc
    entry.size = size
    this.#entries.push(entry)
    const descriptor = Buffer.alloc(zip64 ? 24 : 16)
    descriptor.writeUInt32LE(0x08074b50, 0)
    descriptor.writeUInt32LE(crc, 4)
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(size), 8)
      descriptor.writeBigUInt64LE(BigInt(size), 16)
    } else {
      descriptor.writeUInt32LE(size, 8)
      descriptor.writeUInt32LE(size, 12)
    }
    await this.#write(descriptor)
  }

  /** Writes the central directory and ends `output`. */
  async finish(): Promise<void> {
    if (this.#finished) throw new Error('the ZIP is finished already')
    this.#finished = true
    const start = this.#offset
    const parts: Buffer[] = []
    for (const entry of this.#entries) parts.push(this.#centralHeader(entry))
    const directory = Buffer.concat(parts)
    const directorySize = directory.length
    const count = this.#entries.length
    const zip64 =
      this.options.forceZip64 ||
      count >= MAX_16 ||
      start >= MAX_32 ||
      directorySize >= MAX_32 ||
      start + directorySize >= MAX_32
    const tail: Buffer[] = [directory]
    if (zip64) {
      const recordAt = start + directorySize
      const record = Buffer.alloc(56)
      record.writeUInt32LE(0x06064b50, 0)
      record.writeBigUInt64LE(44n, 4)
      record.writeUInt16LE(MADE_BY, 12)
      record.writeUInt16LE(V45, 14)
      record.writeBigUInt64LE(BigInt(count), 24)
      record.writeBigUInt64LE(BigInt(count), 32)
      record.writeBigUInt64LE(BigInt(directorySize), 40)
      record.writeBigUInt64LE(BigInt(start), 48)
      const locator = Buffer.alloc(20)
      locator.writeUInt32LE(0x07064b50, 0)
      locator.writeBigUInt64LE(BigInt(recordAt), 8)
      locator.writeUInt32LE(1, 16)
      tail.push(record, locator)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(zip64 ? MAX_16 : count, 8)
    end.writeUInt16LE(zip64 ? MAX_16 : count, 10)
    end.writeUInt32LE(zip64 ? MAX_32 : directorySize, 12)
    end.writeUInt32LE(zip64 ? MAX_32 : start, 16)
    tail.push(end)
    await this.#write(Buffer.concat(tail))
    await new Promise<void>((resolve, reject) => {
      this.output.once('error', reject)
      this.output.end(() => resolve())
    })
  }

  #entry(name: string, date: Date, flags: number): Entry {
    if (this.#finished) throw new Error('the ZIP is finished already')
    const encoded = Buffer.from(name, 'utf8')
    if (encoded.length === 0 || encoded.length > MAX_16) throw new Error(`bad entry name: ${name}`)
    return {
      name: encoded,
      flags: flags | UTF8,
      ...dos(date),
      crc: 0,
      size: 0,
      offset: this.#offset,
    }
  }

  #localHeader(entry: Entry, version: number, zip64: boolean, size: number): Buffer {
    const header = Buffer.alloc(30 + entry.name.length + (zip64 ? 20 : 0))
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(version, 4)
    header.writeUInt16LE(entry.flags, 6)
    header.writeUInt16LE(0, 8) // stored
    header.writeUInt16LE(entry.dosTime, 10)
    header.writeUInt16LE(entry.dosDate, 12)
    header.writeUInt32LE(entry.crc, 14)
    header.writeUInt32LE(zip64 ? MAX_32 : size, 18)
    header.writeUInt32LE(zip64 ? MAX_32 : size, 22)
    header.writeUInt16LE(entry.name.length, 26)
    header.writeUInt16LE(zip64 ? 20 : 0, 28)
    entry.name.copy(header, 30)
    if (zip64) {
      const at = 30 + entry.name.length
      header.writeUInt16LE(0x0001, at)
      header.writeUInt16LE(16, at + 2)
      header.writeBigUInt64LE(BigInt(size), at + 4)
      header.writeBigUInt64LE(BigInt(size), at + 12)
    }
    return header
  }

  #centralHeader(entry: Entry): Buffer {
    const big = this.options.forceZip64 || entry.size >= MAX_32
    const far = this.options.forceZip64 || entry.offset >= MAX_32
    const extra = (big ? 16 : 0) + (far ? 8 : 0)
    const header = Buffer.alloc(46 + entry.name.length + (extra ? 4 + extra : 0))
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(MADE_BY, 4)
    header.writeUInt16LE(extra ? V45 : V20, 6)
    header.writeUInt16LE(entry.flags, 8)
    header.writeUInt16LE(0, 10) // stored
    header.writeUInt16LE(entry.dosTime, 12)
    header.writeUInt16LE(entry.dosDate, 14)
    header.writeUInt32LE(entry.crc, 16)
    header.writeUInt32LE(big ? MAX_32 : entry.size, 20)
    header.writeUInt32LE(big ? MAX_32 : entry.size, 24)
    header.writeUInt16LE(entry.name.length, 28)
    header.writeUInt16LE(extra ? 4 + extra : 0, 30)
    header.writeUInt32LE(FILE_ATTRIBUTES, 38)
    header.writeUInt32LE(far ? MAX_32 : entry.offset, 42)
    entry.name.copy(header, 46)
    if (extra) {
      let at = 46 + entry.name.length
      header.writeUInt16LE(0x0001, at)
      header.writeUInt16LE(extra, at + 2)
      at += 4
      if (big) {
        header.writeBigUInt64LE(BigInt(entry.size), at)
        header.writeBigUInt64LE(BigInt(entry.size), at + 8)
        at += 16
      }
      if (far) header.writeBigUInt64LE(BigInt(entry.offset), at)
    }
    return header
  }

  /** Queues bytes without waiting (a header followed at once by its data). */
  #send(chunk: Uint8Array, written?: () => void): boolean {
    this.#offset += chunk.length
    return written ? this.output.write(chunk, written) : this.output.write(chunk)
  }

  /** Writes bytes; resolves when the output can take more (or fails when it is gone). */
  async #write(chunk: Uint8Array, written?: () => void): Promise<void> {
    if (this.#send(chunk, written)) return
    const output = this.output
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        output.off('drain', onDrain)
        output.off('error', onError)
        output.off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onDrain = () => done()
      const onError = (error: Error) => done(error)
      const onClose = () => done(new Error('the ZIP output closed early'))
      output.once('drain', onDrain)
      output.once('error', onError)
      output.once('close', onClose)
    })
  }
}
