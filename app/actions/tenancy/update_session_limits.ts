import type Tenant from '#models/tenant'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

export interface SessionLimitsInput {
  sessionIdleMinutes: number
  sessionMaxHours: number
}

/**
 * ASVS 3.3: how long the tenant's sessions last without use and at most
 * (checked on every request, so open sessions follow at once).
 */
export class UpdateSessionLimits {
  constructor(protected tenant: Tenant) {}

  async handle(input: SessionLimitsInput, by: SettingsActor): Promise<void> {
    this.tenant.merge(input)
    await this.tenant.save()
    await recordSettingsChange(by, 'sessions', {
      idleMinutes: String(input.sessionIdleMinutes),
      maxHours: String(input.sessionMaxHours),
    })
  }
}
