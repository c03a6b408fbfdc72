import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type * as abilities from '#abilities/main'

/** Abilities that take no argument (a plugin permission goes through `middleware.permission`). */
type AbilityName = Exclude<keyof typeof abilities, 'pluginPermission'>

/**
 * Route-level ability check: `middleware.can({ ability: 'viewOperations' })`.
 * Runs after `auth`; a user without the ability gets 403.
 */
export default class CanMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { ability: AbilityName }) {
    await ctx.bouncer.authorize(options.ability)
    return next()
  }
}
