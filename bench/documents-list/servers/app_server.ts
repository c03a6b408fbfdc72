/**
 * The real application (production build, every provider and middleware,
 * PostgreSQL), started the way `bin/server.js` starts it, plus two
 * instruments driven over the IPC channel of bench.ts (nothing is added to
 * the routes or the middleware):
 *
 * - server time: the node:http server is created here and times every
 *   request from its arrival to the end of its response (`finish`);
 * - SQL statements: a listener on the knex instance of Lucid's connection
 *   (knex emits `query` for every statement it sends, whatever Lucid's
 *   `debug` setting) records the statements of requests that carry an
 *   `x-bench-capture` header, attributed through the request's
 *   HttpContext (async local storage is on in config/app.ts). Only on while
 *   bench.ts captures, one request at a time; off during the load runs.
 */
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { ServerTimer, type CapturedQuery, type BenchMessage } from './instruments.ts'

const APP_ROOT = new URL('../../../', import.meta.url)
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

const timer = new ServerTimer()
const captured = new Map<string, CapturedQuery[]>()
let capturing = false

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.ready(async () => {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const { HttpContext } = await import('@adonisjs/core/http')
      const knex = db.connection().getWriteClient()
      knex.on('query', (query: { sql: string; bindings?: unknown[] }) => {
        if (!capturing) return
        const ctx = HttpContext.get()
        const key = ctx?.request.header('x-bench-capture') ?? '(outside a request)'
        const list = captured.get(key) ?? []
        list.push({ sql: query.sql, bindings: query.bindings ?? [] })
        captured.set(key, list)
      })
      process.on('message', (message: BenchMessage) => {
        let result: unknown = null
        if (message.type === 'capture') {
          capturing = message.on
          if (!message.on) captured.clear()
        } else if (message.type === 'captured') {
          result = captured.get(message.key) ?? []
          captured.delete(message.key)
        } else if (message.type === 'timings') {
          result = timer.take()
        }
        process.send?.({ reply: message.id, result })
      })
      process.send?.('ready')
    })
    // Exit once terminated (open handles would keep it alive; a CPU profile is written on exit).
    app.listen('SIGTERM', () => app.terminate().finally(() => process.exit(0)))
  })
  .httpServer()
  .start((handler) =>
    createServer((request: IncomingMessage, response: ServerResponse) => {
      timer.time(response)
      return handler(request, response)
    })
  )
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
