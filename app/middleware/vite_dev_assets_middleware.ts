import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import ViteMiddleware from '@adonisjs/vite/vite_middleware'
import { pluginClientPathPrefixes } from '#plugins/paths'

/**
 * What the Vite dev server may answer (`npm start` and the tests run it
 * inside the web server): its own client and module ids, the front end's
 * sources under resources/, the plugins' pages and components, the
 * generated client registry and the pre-bundled dependencies. Everything else (the SQLite database and the
 * stored files under tmp/, package.json, .env, the server's sources) never
 * reaches Vite and goes on to the router, which answers 404.
 */
const VITE_PATHS = [
  '/@vite/',
  '/@id/',
  '/@fs/',
  '/resources/',
  '/.adonisjs/client/',
  '/node_modules/',
  ...pluginClientPathPrefixes(),
]

export function isViteDevPath(url: string): boolean {
  let path: string
  try {
    // Resolves `..` and `%2e%2e` segments the way Vite itself will.
    path = new URL(url, 'http://vite.invalid').pathname
  } catch {
    return false
  }
  if (/%2f|%5c|\\/i.test(path)) return false
  return VITE_PATHS.some((prefix) => path.startsWith(prefix))
}

/**
 * The Vite dev middleware for the paths above only. Vite's own `server.fs`
 * allow-list (vite.config.ts) is the second fence: `/@fs/` and
 * `/node_modules/` reach no file outside resources/, the generated client
 * code and node_modules.
 */
export default class ViteDevAssetsMiddleware {
  #vite: ViteMiddleware | undefined

  async handle(ctx: HttpContext, next: NextFn) {
    if (!isViteDevPath(ctx.request.url())) return next()
    this.#vite ??= await ctx.containerResolver.make(ViteMiddleware)
    return this.#vite.handle(ctx, next)
  }
}
