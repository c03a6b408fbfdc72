import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type * as abilities from '#abilities/main'

type AbilityName = keyof typeof abilities

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
