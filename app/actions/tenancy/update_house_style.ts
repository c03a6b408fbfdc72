import type Tenant from '#models/tenant'
import { hardToRead } from '#actions/tenancy/update_branding'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

export interface HouseStyleInput {
  orgPrimaryColor: string
  orgSecondaryColor: string
}

/**
 * TEN-3: the organisation's colours (its logo is a brand image), which a
 * portal that inherits the house style shows. A hard-to-read primary colour
 * is saved all the same; the result says so.
 *
 * @spec TEN-3
 */
export class UpdateHouseStyle {
  constructor(protected tenant: Tenant) {}

  async handle(input: HouseStyleInput, by: SettingsActor): Promise<{ lowContrast: boolean }> {
    this.tenant.merge(input)
    await this.tenant.save()
    await recordSettingsChange(by, 'org_style')
    return { lowContrast: hardToRead(input.orgPrimaryColor) }
  }
}
