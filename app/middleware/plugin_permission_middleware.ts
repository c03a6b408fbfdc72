import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * A plugin route's permission check (`can('<id>.<resource>:<verb>')` in the
 * plugin's routes module). Runs after `auth`; without the permission, 403.
 */
export default class PluginPermissionMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { permission: string }) {
    await ctx.bouncer.authorize('pluginPermission', options.permission)
    return next()
  }
}
