import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

let applied = false

/**
 * SQLite write transactions start with `BEGIN IMMEDIATE` instead of knex's
 * `BEGIN` (deferred).
 *
 * A deferred transaction reads first and asks for the write lock at its
 * first write; when another process (the worker, the web server) committed
 * in between, SQLite cannot upgrade it and answers SQLITE_BUSY at once:
 * `busy_timeout` does not apply, because waiting could never help that
 * transaction. Eight of ten concurrent self-registrations failed that way
 * with a 500. `BEGIN IMMEDIATE` takes the write lock up front, so a second
 * writer waits (up to `busy_timeout`) instead of failing; reads outside
 * transactions are not affected (WAL lets them run beside the writer).
 *
 * Knex has no option for it; its SQLite transaction class (shared by the
 * sqlite3 and better-sqlite3 clients) is the one place that issues BEGIN.
 */
export function beginImmediateTransactions() {
  if (applied) return
  applied = true
  const Transaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js')
  Transaction.prototype.begin = function (
    this: { query(conn: unknown, sql: string): unknown },
    conn: unknown
  ) {
    return this.query(conn, 'BEGIN IMMEDIATE;')
  }
}
