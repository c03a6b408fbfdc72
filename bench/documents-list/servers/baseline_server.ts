/**
 * Baseline: a bare node:http handler that runs, through raw `pg` (a pool of
 * 20 like the application's), the very statements the application ran for a
 * scenario, in the same order and with the same parameters (captured by
 * app_server.ts and sent here by bench.ts), and answers their rows as JSON.
 * No routing, sessions, validation, ORM or page rendering: what remains is
 * the database work and its JSON.
 *
 * GET /<scenario key> runs that scenario's statements.
 */
import { createServer } from 'node:http'
import pg from 'pg'
import { ServerTimer, type CapturedQuery, type BenchMessage } from './instruments.ts'

const port = Number(process.env.BASELINE_PORT ?? 4334)
const pool = new pg.Pool({
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
  database: process.env.PG_DB_NAME,
  max: 20,
})
const timer = new ServerTimer()
let scenarios = new Map<string, CapturedQuery[]>()

process.on('message', (message: BenchMessage) => {
  let result: unknown = null
  if (message.type === 'scenarios') scenarios = new Map(Object.entries(message.scenarios))
  if (message.type === 'timings') result = timer.take()
  process.send?.({ reply: message.id, result })
})

createServer(async (request, response) => {
  timer.time(response)
  const statements = scenarios.get(decodeURIComponent((request.url ?? '/').slice(1)))
  if (!statements) {
    response.writeHead(404).end()
    return
  }
  try {
    const results: unknown[][] = []
    for (const statement of statements) {
      const { rows } = await pool.query(statement.sql, statement.bindings)
      results.push(rows)
    }
    const body = JSON.stringify({ results })
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    })
    response.end(body)
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
  }
}).listen(port, '127.0.0.1', () => process.send?.('ready'))

// Exit once terminated (a CPU profile, BENCH_PROFILE=all, is written on exit).
process.on('SIGTERM', () => process.exit(0))
