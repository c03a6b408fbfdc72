import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A timestamp formatted the way Lucid stores model dates on the current
 * connection, for bulk (query builder) updates that bypass the model.
 */
export function sqlTimestamp(value: DateTime = DateTime.now()): string {
  return value.toFormat(db.connection().dialect.dateTimeFormat)
}

/**
 * The number of rows an update or delete touched (drivers answer with a
 * number or a one-element array).
 */
export function affectedRows(result: unknown): number {
  return Number(Array.isArray(result) ? result[0] : result)
}

/**
 * A user's text for a LIKE pattern (with `escape '\\'`): `%` and `_` match
 * themselves instead of acting as wildcards.
 */
export function escapeLike(value: string): string {
  return value.replaceAll(/[%_\\]/g, (char) => `\\${char}`)
}

/** A `date` column as YYYY-MM-DD (PostgreSQL gives a Date at UTC midnight, SQLite the text). */
export function isoDay(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)
}
