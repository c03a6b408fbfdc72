import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import ApiClient from '#models/api_client'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { DocumentFactory } from '#database/factories/document_factory'

/** A bearer token of a new API client of the tenant. */
export async function apiToken(tenant: Tenant, name = 'Back office'): Promise<string> {
  return tenantContext.run(tenant.id, async () => {
    const client = await ApiClient.create({ tenantId: tenant.id, name })
    const token = await ApiClient.accessTokens.create(client)
    return token.value!.release()
  })
}

/**
 * A small but real PDF (one page with a line of text), written to a
 * temporary file; `marker` makes its bytes (and SHA-256) unique.
 */
export function pdfFile(marker = randomUUID()): string {
  const text = `Invoice ${marker}`
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return writeTemp('invoice.pdf', Buffer.from(body, 'latin1'))
}

/** Any bytes under a chosen name (e.g. an executable renamed to .pdf). */
export function writeTemp(name: string, bytes: Buffer): string {
  const dir = app.tmpPath('test-uploads', randomUUID())
  mkdirSync(dir, { recursive: true })
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/**
 * A document row (without files) for list and rights tests.
 */
export async function createDocument(
  tenant: Tenant,
  customerNumberId: number,
  overrides: Partial<{
    type: 'invoice' | 'credit_note' | 'other'
    number: string | null
    title: string
    issueDate: string
    dueDate: string | null
    amountCents: number | null
  }> = {}
) {
  const { issueDate, dueDate, ...rest } = overrides
  return DocumentFactory.for(tenant)
    .merge({
      ...rest,
      customerNumberId,
      ...(issueDate ? { issueDate: DateTime.fromISO(issueDate) } : {}),
      ...(dueDate ? { dueDate: DateTime.fromISO(dueDate) } : {}),
    })
    .create()
}
