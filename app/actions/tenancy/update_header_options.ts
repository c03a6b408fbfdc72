import type Tenant from '#models/tenant'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

export interface HeaderOptionsInput {
  showRegisterButton?: boolean
  helpFormEnabled?: boolean
}

/**
 * TEN-4: the header's help link (write to customer service) and register
 * button; an option left out is off.
 *
 * @spec TEN-4
 */
export class UpdateHeaderOptions {
  constructor(protected tenant: Tenant) {}

  async handle(input: HeaderOptionsInput, by: SettingsActor): Promise<void> {
    this.tenant.merge({
      showRegisterButton: input.showRegisterButton ?? false,
      helpFormEnabled: input.helpFormEnabled ?? false,
    })
    await this.tenant.save()
    await recordSettingsChange(by, 'header')
  }
}
