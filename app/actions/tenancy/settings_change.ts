import type User from '#models/user'
import { activityLog } from '#services/activity_log'

/** Who changes a tenant's settings, for the activity log (TEN-9). */
export interface SettingsActor {
  user: User
  ip: string | null
}

/**
 * Writes "tenant settings changed" to the activity log, naming the section
 * of the settings page (values only where they are no secret).
 */
export function recordSettingsChange(
  by: SettingsActor,
  section: string,
  details: Record<string, string | null> = {}
) {
  return activityLog.record({
    type: 'tenant.settings_changed',
    actor: by.user,
    ip: by.ip,
    details: { section, ...details },
  })
}
