/**
 * One CSV cell, quoted when needed. A value that a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  let cell = value
  if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) cell = `'${cell}`
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}
