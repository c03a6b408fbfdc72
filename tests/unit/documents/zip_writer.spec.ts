/** @spec DOC-4 */
import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { PassThrough, Writable } from 'node:stream'
import AdmZip from 'adm-zip'
import { StoredZipWriter } from '#services/zip_writer'

/** Everything a writer writes, collected. */
function collector() {
  const chunks: Buffer[] = []
  const output = new PassThrough()
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  return { output, bytes: () => Buffer.concat(chunks) }
}

async function* chunked(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

interface LocalEntry {
  name: string
  flags: number
  crc: number
  size: number
  dosDate: number
  zip64: boolean
  data: Buffer
  descriptor?: { crc: number; size: number }
}

/**
 * Reads the archive front to back by its local headers, the way a
 * streaming unzip does (it never sees the central directory first).
 */
function walkLocalHeaders(zip: Buffer, zip64Descriptors = false): LocalEntry[] {
  const entries: LocalEntry[] = []
  let at = 0
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const flags = zip.readUInt16LE(at + 6)
    const nameLength = zip.readUInt16LE(at + 26)
    const extraLength = zip.readUInt16LE(at + 28)
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    const extra = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + extraLength)
    const zip64 = extra.length >= 4 && extra.readUInt16LE(0) === 0x0001
    let size = zip.readUInt32LE(at + 22)
    if (zip64) size = Number(extra.readBigUInt64LE(4))
    const dataAt = at + 30 + nameLength + extraLength
    const entry: LocalEntry = {
      name,
      flags,
      crc: zip.readUInt32LE(at + 14),
      size,
      dosDate: zip.readUInt16LE(at + 12),
      zip64,
      data: Buffer.alloc(0),
    }
    if (flags & 0x08) {
      // Stored with a descriptor: the data runs up to the descriptor's signature.
      const end = zip.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), dataAt)
      entry.data = zip.subarray(dataAt, end)
      entry.descriptor = {
        crc: zip.readUInt32LE(end + 4),
        size: zip64Descriptors ? Number(zip.readBigUInt64LE(end + 8)) : zip.readUInt32LE(end + 8),
      }
      at = end + (zip64Descriptors ? 24 : 16)
    } else {
      entry.data = zip.subarray(dataAt, dataAt + size)
      at = dataAt + size
    }
    entries.push(entry)
  }
  return entries
}

test.group('Documents / ZIP writer', () => {
  test('whole and streamed entries come back byte for byte, CRC-checked', async ({ assert }) => {
    const { output, bytes } = collector()
    const zip = new StoredZipWriter(output)
    const first = randomBytes(100_000)
    const second = randomBytes(3 * 65_536 + 17)
    const date = new Date('2026-01-31T00:00:00Z')
    await zip.addBuffer('Facture été №1.pdf', date, first)
    await zip.addStream('big.pdf', date, chunked(second, 65_536), second.length)
    await zip.addBuffer('empty.pdf', date, Buffer.alloc(0))
    await zip.finish()
    const archive = bytes()
    assert.equal(zip.size, archive.length)

    // The central directory, as most tools read it; adm-zip checks every CRC.
    const read = new AdmZip(archive)
    assert.deepEqual(
      read.getEntries().map((entry) => entry.entryName),
      ['Facture été №1.pdf', 'big.pdf', 'empty.pdf']
    )
    assert.isTrue(read.getEntry('Facture été №1.pdf')!.getData().equals(first))
    assert.isTrue(read.getEntry('big.pdf')!.getData().equals(second))
    assert.equal(read.getEntry('empty.pdf')!.getData().length, 0)
    for (const entry of read.getEntries()) assert.equal(entry.header.method, 0)

    // The local headers, as a streaming unzip reads them.
    const [whole, streamed, empty] = walkLocalHeaders(archive)
    assert.equal(whole.flags & 0x08, 0)
    assert.equal(whole.flags & 0x800, 0x800)
    assert.equal(whole.crc, crc32(first))
    assert.equal(whole.size, first.length)
    assert.isTrue(whole.data.equals(first))
    // 2026-01-31 in MS-DOS form: year since 1980, month, day.
    assert.equal(whole.dosDate, (46 << 9) | (1 << 5) | 31)
    assert.equal(streamed.flags & 0x08, 0x08)
    assert.isTrue(streamed.data.equals(second))
    assert.deepEqual(streamed.descriptor, { crc: crc32(second), size: second.length })
    assert.equal(empty.size, 0)
  })

  test('an empty ZIP is a valid archive without entries', async ({ assert }) => {
    const { output, bytes } = collector()
    const zip = new StoredZipWriter(output)
    await zip.finish()
    assert.equal(bytes().length, 22)
    assert.lengthOf(new AdmZip(bytes()).getEntries(), 0)
  })

  test('the ZIP64 fields are read back by another reader', async ({ assert }) => {
    const { output, bytes } = collector()
    const zip = new StoredZipWriter(output, { forceZip64: true })
    const first = randomBytes(5000)
    const second = randomBytes(70_000)
    await zip.addBuffer('a.pdf', new Date('2026-03-01T10:20:30Z'), first)
    await zip.addStream('b.pdf', new Date('2026-03-01T10:20:30Z'), chunked(second, 4096))
    await zip.finish()
    const archive = bytes()
    // The ZIP64 end of central directory record and its locator precede the classic end.
    assert.equal(archive.readUInt32LE(archive.length - 22 - 20), 0x07064b50)
    assert.equal(archive.readUInt32LE(archive.length - 22 - 20 - 56), 0x06064b50)
    const read = new AdmZip(archive)
    assert.isTrue(read.getEntry('a.pdf')!.getData().equals(first))
    assert.isTrue(read.getEntry('b.pdf')!.getData().equals(second))
    const [a, b] = walkLocalHeaders(archive, true)
    assert.isTrue(a.zip64)
    assert.equal(a.size, first.length)
    assert.deepEqual(b.descriptor, { crc: crc32(second), size: second.length })
  })

  test('a slow output is waited for, not flooded', async ({ assert }) => {
    const received: Buffer[] = []
    let most = 0
    const output = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk)
        setTimeout(callback, 1)
      },
    })
    const zip = new StoredZipWriter(output)
    const files = Array.from({ length: 20 }, () => randomBytes(50_000))
    for (const [index, file] of files.entries()) {
      await zip.addBuffer(`${index}.pdf`, new Date(), file)
      most = Math.max(most, output.writableLength)
    }
    await zip.finish()
    // Each file waited until the output had taken the one before.
    assert.isBelow(most, 16 * 1024)
    const read = new AdmZip(Buffer.concat(received))
    files.forEach((file, index) =>
      assert.isTrue(read.getEntry(`${index}.pdf`)!.getData().equals(file))
    )
  })

  test('a failing output rejects the write instead of hanging', async ({ assert }) => {
    const output = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'))
      },
    })
    output.on('error', () => undefined)
    const zip = new StoredZipWriter(output)
    await assert.rejects(async () => {
      for (let index = 0; index < 10; index++) {
        await zip.addBuffer(`${index}.pdf`, new Date(), randomBytes(10_000))
      }
    })
  })

  test('a stream that fails fails its entry', async ({ assert }) => {
    const { output } = collector()
    const zip = new StoredZipWriter(output)
    async function* broken() {
      yield randomBytes(1000)
      throw new Error('read error')
    }
    await assert.rejects(() => zip.addStream('x.pdf', new Date(), broken(), 2000), 'read error')
  })
})
