import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { createHash } from 'node:crypto'
import { args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import { parse } from 'csv-parse'
import { SingleBar, Presets } from 'cli-progress'
import { errors as vineErrors } from '@vinejs/vine'
import type { ImportRow } from '#actions/documents/import_documents'

/**
 * `node ace documents:import <folder> --tenant <slug>`: publishes a folder
 * of PDFs described by a metadata CSV (LEASE-5's monthly run).
 *
 * Every line is checked first (fields, customer number, file present, of
 * an accepted type and size); one bad line refuses the whole import and
 * nothing is stored. The import is one publication batch: each recipient
 * gets one e-mail once it is done. Lines without externalId get one from
 * the batch and the line, so running the same import again publishes
 * nothing twice.
 *
 * @spec DOC-1 LEASE-5
 */
export default class DocumentsImport extends TenantCommand {
  static commandName = 'documents:import'
  static description = 'Publish a folder of PDFs described by a metadata CSV'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Folder with the PDFs and the metadata CSV' })
  declare folder: string

  @flags.string({ description: 'Tenant slug', required: true })
  declare tenant: string

  @flags.string({ description: 'Metadata CSV, relative to the folder', default: 'metadata.csv' })
  declare metadata: string

  @flags.string({ description: 'Publication batch name (default: from the folder and CSV)' })
  declare batch?: string

  @flags.boolean({ description: 'Do not show a progress bar' })
  declare quiet: boolean

  async run() {
    const { closeQueues } = await import('#jobs/queues')
    try {
      await this.import()
    } finally {
      // The queues' Redis connections would keep the process alive.
      await closeQueues()
    }
  }

  protected async import() {
    const { default: CustomerNumber } = await import('#models/customer_number')
    const { tenantContext } = await import('#tenancy/tenant_context')
    const { publishDocumentValidator } = await import('#validators/documents')
    const { documentStorage } = await import('#services/document_storage')
    const { ImportDocuments } = await import('#actions/documents/import_documents')
    const { default: Document } = await import('#models/document')
    const { publicationBatches } = await import('#actions/documents/publication_batches')
    const { default: PublicationBatch } = await import('#models/publication_batch')
    const { default: config } = await import('@adonisjs/core/services/config')
    const { default: i18nManager } = await import('@adonisjs/i18n/services/main')

    const tenant = await this.tenantOrExit(this.tenant)
    if (!tenant) return
    const i18n = i18nManager.locale(tenant.defaultLocale)
    const folder = resolve(this.folder)
    const csvPath = join(folder, this.metadata)
    const csvHash = createHash('sha256')
    if (!(await stat(csvPath).catch(() => null))) {
      this.logger.error(`No metadata CSV at ${csvPath}`)
      this.exitCode = 1
      return
    }
    const csvDigest = await sha256(csvPath, csvHash)
    const batchKey = this.batch ?? `import-${basename(folder)}-${csvDigest.slice(0, 12)}`

    await tenantContext.run(tenant.id, async () => {
      const maxBytes = config.get<number>('documents.maxFileBytes')
      const fileProblem = (file: string): { size: number; text?: string } => {
        const path = resolve(folder, file)
        if (!file || isAbsolute(file) || relative(folder, path).startsWith('..')) {
          return { size: -1, text: 'a file name inside the folder is required' }
        }
        const found = documentStorage.inspect(path)
        if (!found) return { size: -1, text: `${file} does not exist` }
        if (found.size === 0) return { size: 0, text: i18n.t('documents.file.empty') }
        if (found.size > maxBytes) {
          const megabytes = Math.round(maxBytes / 1048576)
          return { size: found.size, text: i18n.t('documents.file.too_large', { megabytes }) }
        }
        if (!found.pdf) return { size: found.size, text: i18n.t('documents.file.wrong_type') }
        return { size: found.size }
      }

      /**
       * The CSV's lines, checked one by one (fields, then the file: an open, an fstat and a
       * few bytes): each good line comes out as a row, each problem goes to `problem`. The
       * files' sizes are noted in `sizes` by line; given them, the files are not looked at
       * again (storing a file checks its size and first bytes once more).
       */
      async function* readRows(
        problem: (line: number, text: string) => void,
        sizes: number[],
        known = false
      ) {
        let line = 1
        const parser = createReadStream(csvPath).pipe(
          parse({ columns: true, bom: true, skip_empty_lines: true, trim: true })
        )
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          line += 1
          const data = Object.fromEntries(
            Object.entries(record).filter(([, value]) => value !== '')
          )
          let input: Awaited<ReturnType<typeof publishDocumentValidator.validate>>
          try {
            input = await publishDocumentValidator.validate({ ...data, batch: batchKey })
          } catch (error) {
            if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
            for (const message of error.messages as { field: string; message: string }[]) {
              problem(line, `${message.field}: ${message.message}`)
            }
            continue
          }
          const file = record.file ?? ''
          const { size, text } = known ? { size: sizes[line] } : fileProblem(file)
          if (text) {
            problem(line, `file: ${text}`)
            continue
          }
          sizes[line] = size
          const row: ImportRow = {
            ...input,
            line,
            path: resolve(folder, file),
            size,
            externalId: input.externalId ?? `${batchKey}:${line}`,
          }
          yield row
        }
      }

      /*
       * 1. Check every line and collect every problem (in line order): its fields, its file,
       * its customer number (looked up a few hundred lines at a time), an external id published
       * before with other content. Nothing is kept but the problems and the first lines: the
       * publication reads the CSV again, so a run of any length needs the same memory (50,000
       * lines held in memory made the heap grow past 500 MB).
       */
      const importer = new ImportDocuments(tenant)
      const problems: { line: number; text: string }[] = []
      const problem = (line: number, text: string) => problems.push({ line, text })
      const knownNumbers = new Map<string, boolean>()
      const firstRows: ImportRow[] = []
      const sizes: number[] = []
      let total = 0
      let conflicts = 0
      const checkChunk = async (chunk: ImportRow[]) => {
        const wanted = [
          ...new Set(chunk.map((row) => CustomerNumber.normalize(row.customerNumber))),
        ].filter((number) => !knownNumbers.has(number))
        if (wanted.length) {
          const found = await CustomerNumber.query().whereIn('number', wanted).select('number')
          for (const number of wanted) knownNumbers.set(number, false)
          for (const number of found) knownNumbers.set(number.number, true)
        }
        const reachable = chunk.filter((row) => {
          if (knownNumbers.get(CustomerNumber.normalize(row.customerNumber))) return true
          problem(
            row.line,
            `customerNumber: ${i18n.t('documents.publish.unknown_customer_number')}`
          )
          return false
        })
        for (const conflict of await importer.conflicts(reachable)) {
          conflicts += 1
          problem(conflict.line, `externalId: ${i18n.t('documents.publish.external_id_conflict')}`)
        }
      }
      let chunk: ImportRow[] = []
      for await (const row of readRows(problem, sizes)) {
        total += 1
        if (firstRows.length < 1000) firstRows.push(row)
        chunk.push(row)
        if (chunk.length === 500) {
          await checkChunk(chunk)
          chunk = []
        }
      }
      if (chunk.length) await checkChunk(chunk)
      problems.sort((a, b) => a.line - b.line)

      if (problems.length) {
        this.logger.error(
          conflicts === problems.length
            ? `Nothing imported: ${conflicts} externalId(s) already used`
            : `Nothing imported: ${problems.length} problem(s) in ${this.metadata}`
        )
        for (const { line: at, text } of problems.slice(0, 50)) {
          this.logger.log(`  line ${at}, ${text}`)
        }
        if (problems.length > 50) this.logger.log(`  … and ${problems.length - 50} more`)
        this.exitCode = 1
        return
      }
      if (!total) {
        this.logger.warning('The metadata CSV lists no documents')
        return
      }

      // 2. Publish, then close the batch: its notifications go out.
      let batch = await PublicationBatch.findBy('key', batchKey)
      if (batch && batch.status !== 'open') {
        const published = await Document.query()
          .whereIn(
            'external_id',
            firstRows.map((row) => row.externalId)
          )
          .count('* as total')
        if (Number(published[0].$extras.total) < firstRows.length) {
          this.logger.error(
            `The batch ${batchKey} was closed before; name a new one with --batch to publish more`
          )
          this.exitCode = 1
          return
        }
      } else {
        batch = await publicationBatches.open(batchKey, 'import')
      }
      if ((await sha256(csvPath, createHash('sha256'))) !== csvDigest) {
        this.logger.error(`${this.metadata} changed while it was checked; run the import again`)
        this.exitCode = 1
        return
      }
      const bar = new SingleBar(
        { format: '{bar} {value}/{total} documents | {rate}/s | ETA {eta}s' },
        Presets.shades_classic
      )
      if (!this.quiet) bar.start(total, 0, { rate: 0 })
      const started = Date.now()
      // The lines again, as they were checked; a line that no longer passes stops the run.
      const rows = readRows(
        (line, text) => {
          throw new Error(
            `line ${line}, ${text}: changed since it was checked; run the import again`
          )
        },
        sizes,
        true
      )
      const created = await importer.run(rows, batch, (done) => {
        const seconds = (Date.now() - started) / 1000
        if (!this.quiet) bar.update(done, { rate: Math.round(done / Math.max(seconds, 0.001)) })
      })
      if (!this.quiet) bar.stop()
      if (batch.status === 'open') await publicationBatches.close(batch)
      const seconds = (Date.now() - started) / 1000
      this.logger.success(
        `${created} document(s) published, ${total - created} already there, in ${seconds.toFixed(1)} s (${Math.round(created / Math.max(seconds, 0.001))}/s; batch ${batchKey}; notifications queued)`
      )
    })
  }
}

function sha256(path: string, hash: ReturnType<typeof createHash>): Promise<string> {
  return new Promise((done, fail) => {
    createReadStream(path)
      .on('error', fail)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => done(hash.digest('hex')))
  })
}
