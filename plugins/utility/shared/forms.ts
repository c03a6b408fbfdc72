/**
 * Helpers the utility plugin's forms share (the move-in's readings and
 * resident steps, the move-out): plain functions, loaded by the browser.
 *
 * @spec UTIL-2 UTIL-3
 */

/**
 * A typed meter reading as a number: a decimal comma or point, spaces, and
 * with both marks the last one as the decimal mark ("15.234,5",
 * "15,234.5"); anything else is returned as typed, for the server to refuse.
 */
export function parseReading(value: string): number | string {
  let compact = value.replace(/[\s\u00a0\u202f']/g, '')
  const comma = compact.lastIndexOf(',')
  const point = compact.lastIndexOf('.')
  if (comma >= 0 && point >= 0) {
    compact =
      comma > point ? compact.replaceAll('.', '').replace(',', '.') : compact.replaceAll(',', '')
  } else {
    compact = compact.replace(',', '.')
  }
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : value
}

const EUROPE = [
  'AT',
  'BG',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]

/**
 * Countries for an address: Belgium first, then the European countries by
 * their name in the page's language (and the current choice, if another).
 */
export function countryOptions(locale: string, current?: string | null) {
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  const others = [...EUROPE]
  if (current && current !== 'BE' && !others.includes(current)) others.push(current)
  const named = others
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
  return [{ code: 'BE', name: names.of('BE') ?? 'BE' }, ...named]
}
