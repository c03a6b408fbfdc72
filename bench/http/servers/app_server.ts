/**
 * The real application (production mode, every provider and middleware),
 * plus one small JSON route inside the tenant group so it crosses the full
 * stack: tenant resolution, locale, session, shield (CSRF, headers), auth
 * and Inertia middleware.
 */
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'

const APP_ROOT = new URL('../../../', import.meta.url)
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.starting(async () => {
      const { default: router } = await import('@adonisjs/core/services/router')
      const { middleware } = await import('#start/kernel')
      router
        .get('/bench.json', ({ tenant }) => ({ ok: true, tenant: tenant.slug }))
        .use([middleware.tenant(), middleware.locale()])
    })
    app.ready(() => {
      process.send?.('ready')
    })
    app.listen('SIGTERM', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
