import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { createHash } from 'node:crypto'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
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
 */
export default class DocumentsImport extends BaseCommand {
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
    const { default: Tenant } = await import('#models/tenant')
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

    const tenant = await tenantContext.runUnscoped('operator command', () =>
      Tenant.findBy('slug', this.tenant)
    )
    if (!tenant) {
      this.logger.error(`No tenant "${this.tenant}"`)
      this.exitCode = 1
      return
    }
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
      // 1. Check every line; collect every problem (in line order). Fields first, line by
      // line; then the customer numbers, a thousand per query; then the files, several at
      // a time (a stat and a few bytes each).
      const problems: { line: number; text: string }[] = []
      const problem = (line: number, text: string) => problems.push({ line, text })
      const checked: {
        line: number
        file: string
        input: Awaited<ReturnType<typeof publishDocumentValidator.validate>>
      }[] = []
      const maxBytes = config.get<number>('documents.maxFileBytes')
      let line = 1
      const parser = createReadStream(csvPath).pipe(
        parse({ columns: true, bom: true, skip_empty_lines: true, trim: true })
      )
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        line += 1
        const data = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''))
        try {
          const input = await publishDocumentValidator.validate({ ...data, batch: batchKey })
          checked.push({ line, file: record.file ?? '', input })
        } catch (error) {
          if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
          for (const message of error.messages as { field: string; message: string }[]) {
            problem(line, `${message.field}: ${message.message}`)
          }
        }
      }

      const knownNumbers = new Set<string>()
      const wanted = [
        ...new Set(checked.map((row) => CustomerNumber.normalize(row.input.customerNumber))),
      ]
      for (let start = 0; start < wanted.length; start += 1000) {
        const found = await CustomerNumber.query()
          .whereIn('number', wanted.slice(start, start + 1000))
          .select('number')
        for (const number of found) knownNumbers.add(number.number)
      }

      const candidates = checked.filter((row) => {
        if (!knownNumbers.has(CustomerNumber.normalize(row.input.customerNumber))) {
          problem(
            row.line,
            `customerNumber: ${i18n.t('documents.publish.unknown_customer_number')}`
          )
          return false
        }
        const path = resolve(folder, row.file)
        if (!row.file || isAbsolute(row.file) || relative(folder, path).startsWith('..')) {
          problem(row.line, 'file: a file name inside the folder is required')
          return false
        }
        return true
      })
      // One open, fstat and 4-byte read per file, without thread-pool round trips.
      const files = candidates.map((row) => {
        const found = documentStorage.inspect(resolve(folder, row.file))
        const size = found?.size ?? -1
        const refuse = (text: string) => ({ size, problem: `file: ${text}` })
        if (!found) return refuse(`${row.file} does not exist`)
        if (size === 0) return refuse(i18n.t('documents.file.empty'))
        if (size > maxBytes) {
          return refuse(
            i18n.t('documents.file.too_large', { megabytes: Math.round(maxBytes / 1048576) })
          )
        }
        if (!found.pdf) return refuse(i18n.t('documents.file.wrong_type'))
        return { size, problem: null }
      })
      const rows: ImportRow[] = []
      candidates.forEach((row, index) => {
        const { size, problem: fileProblem } = files[index]
        if (fileProblem) return problem(row.line, fileProblem)
        rows.push({
          ...row.input,
          line: row.line,
          path: resolve(folder, row.file),
          size,
          externalId: row.input.externalId ?? `${batchKey}:${row.line}`,
        })
      })
      problems.sort((a, b) => a.line - b.line)

      if (problems.length) {
        this.logger.error(`Nothing imported: ${problems.length} problem(s) in ${this.metadata}`)
        for (const { line: at, text } of problems.slice(0, 50)) {
          this.logger.log(`  line ${at}, ${text}`)
        }
        if (problems.length > 50) this.logger.log(`  … and ${problems.length - 50} more`)
        this.exitCode = 1
        return
      }
      if (!rows.length) {
        this.logger.warning('The metadata CSV lists no documents')
        return
      }

      const importer = new ImportDocuments(tenant)
      const conflicts = await importer.conflicts(rows)
      if (conflicts.length) {
        this.logger.error(`Nothing imported: ${conflicts.length} externalId(s) already used`)
        for (const conflict of conflicts.slice(0, 50)) {
          this.logger.log(
            `  line ${conflict.line}, externalId: ${i18n.t('documents.publish.external_id_conflict')}`
          )
        }
        this.exitCode = 1
        return
      }

      // 2. Publish, then close the batch: its notifications go out.
      let batch = await PublicationBatch.findBy('key', batchKey)
      if (batch && batch.status !== 'open') {
        const published = await Document.query()
          .whereIn(
            'external_id',
            rows.slice(0, 1000).map((row) => row.externalId)
          )
          .count('* as total')
        if (Number(published[0].$extras.total) < Math.min(rows.length, 1000)) {
          this.logger.error(
            `The batch ${batchKey} was closed before; name a new one with --batch to publish more`
          )
          this.exitCode = 1
          return
        }
      } else {
        batch = await publicationBatches.open(tenant, batchKey, 'import')
      }
      const bar = new SingleBar(
        { format: '{bar} {value}/{total} documents | {rate}/s | ETA {eta}s' },
        Presets.shades_classic
      )
      if (!this.quiet) bar.start(rows.length, 0, { rate: 0 })
      const started = Date.now()
      const created = await importer.run(rows, batch, (done) => {
        const seconds = (Date.now() - started) / 1000
        if (!this.quiet) bar.update(done, { rate: Math.round(done / Math.max(seconds, 0.001)) })
      })
      if (!this.quiet) bar.stop()
      if (batch.status === 'open') await publicationBatches.close(batch)
      const seconds = (Date.now() - started) / 1000
      this.logger.success(
        `${created} document(s) published, ${rows.length - created} already there, in ${seconds.toFixed(1)} s (${Math.round(created / Math.max(seconds, 0.001))}/s; batch ${batchKey}; notifications queued)`
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
