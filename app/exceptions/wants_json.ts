import type { HttpContext } from '@adonisjs/core/http'

/**
 * Whether an error should be answered as JSON `{ code, message }`: always on
 * the publishing API, and for callers that ask for JSON (not Inertia pages).
 */
export function wantsJson(ctx: HttpContext): boolean {
  if (ctx.request.url().startsWith('/api/')) return true
  return ctx.request.accepts(['html', 'json']) === 'json' && !ctx.request.header('x-inertia')
}
