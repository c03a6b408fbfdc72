import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/**
 * Serves files of resources/public (the built assets, favicons) but only
 * looks at the disk for paths that can be such a file, instead of a stat()
 * for every page and API request.
 */
export default class StaticAssetsMiddleware {
  #files: StaticMiddleware | undefined

  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    if (!url.startsWith('/assets/') && !/^\/[\w.-]+\.(ico|png|svg|txt|webmanifest)$/.test(url)) {
      return next()
    }
    this.#files ??= await ctx.containerResolver.make(StaticMiddleware)
    return this.#files.handle(ctx, next)
  }
}
