import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { inject } from '@adonisjs/core'
import { PluginService } from '#plugins/plugin_service'
import { PluginDisabledException } from '#exceptions/plugin_disabled_exception'

/**
 * Serves a plugin's routes only to tenants that enabled the plugin; for any
 * other tenant the routes do not exist (404).
 *
 * @spec TEN-2
 */
@inject()
export default class PluginEnabledMiddleware {
  constructor(protected plugins: PluginService) {}

  async handle(_ctx: HttpContext, next: NextFn, options: { id: string }) {
    if (!(await this.plugins.isEnabled(options.id))) {
      throw new PluginDisabledException()
    }
    return next()
  }
}
