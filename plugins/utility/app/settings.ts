import type { HttpContext } from '@adonisjs/core/http'
import { PluginService } from '#core/plugins'

/** The tenant's settings of the utility plugin (UTIL-8), with the manifest's defaults. */
export interface UtilitySettings {
  advanceMin: number
  advanceMax: number
  invoicesPage: boolean
  moveDaysPast: number
  moveDaysAhead: number
  reminderDays: number
  abandonDays: number
  customerNumberPrefix: string
}

const DEFAULTS: UtilitySettings = {
  advanceMin: 20,
  advanceMax: 400,
  invoicesPage: true,
  moveDaysPast: 30,
  moveDaysAhead: 90,
  reminderDays: 3,
  abandonDays: 14,
  customerNumberPrefix: 'W-',
}

/**
 * The request's tenant's settings (saved ones are validated against the
 * manifest's schema; a missing one takes its default).
 *
 * @spec UTIL-8
 */
export async function utilitySettings(ctx: HttpContext): Promise<UtilitySettings> {
  const plugins = await ctx.containerResolver.make(PluginService)
  const saved = await plugins.settings('utility')
  const settings = { ...DEFAULTS }
  for (const key of Object.keys(DEFAULTS) as (keyof UtilitySettings)[]) {
    if (typeof saved[key] === typeof DEFAULTS[key]) {
      ;(settings as Record<string, unknown>)[key] = saved[key]
    }
  }
  return settings
}
