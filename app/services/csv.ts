import type Document from '#models/document'

/**
 * One CSV cell, quoted when needed. A value that a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  let cell = value
  if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) cell = `'${cell}`
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

/**
 * DOC-3: a document's key figures as a one-line CSV (UTF-8 with a BOM, so a
 * spreadsheet reads accents right), with a file name made of its number.
 * Needs `customerNumber` and `category` loaded.
 *
 * @spec DOC-3
 */
export function documentCsv(document: Document): { fileName: string; body: string } {
  const header = [
    'customer_number',
    'type',
    'number',
    'title',
    'category',
    'issue_date',
    'due_date',
    'amount',
    'currency',
  ]
  const values = [
    document.customerNumber.number,
    document.type,
    document.number ?? '',
    document.title,
    document.category?.name ?? '',
    document.issueDate.toISODate() ?? '',
    document.dueDate?.toISODate() ?? '',
    document.amountCents === null ? '' : (document.amountCents / 100).toFixed(2),
    document.currency,
  ]
  return {
    fileName: `${`document-${document.number ?? document.id}`.replace(/[^\w.-]/g, '')}.csv`,
    body: `\uFEFF${header.join(',')}\r\n${values.map(csvCell).join(',')}\r\n`,
  }
}
