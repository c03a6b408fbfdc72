import type Tenant from '#models/tenant'
import { contrastRatio } from '#services/branding'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

/**
 * Whether text is hard to read on this primary colour whichever text
 * colour the header picks, white or near-black (WCAG AA asks 4.5:1).
 */
export function hardToRead(primary: string): boolean {
  return contrastRatio(primary, '#ffffff') < 4.5 && contrastRatio(primary, '#111827') < 4.5
}

export interface BrandingInput {
  inheritOrgStyle?: boolean
  primaryColor: string
  secondaryColor: string
}

/**
 * TEN-3: the portal's colours, or "follow the organisation's style" (later
 * changes of the house style then flow into the portal). A hard-to-read
 * primary colour is saved all the same; the result says so.
 *
 * @spec TEN-3
 */
export class UpdateBranding {
  constructor(protected tenant: Tenant) {}

  async handle(input: BrandingInput, by: SettingsActor): Promise<{ lowContrast: boolean }> {
    this.tenant.merge({ ...input, inheritOrgStyle: input.inheritOrgStyle ?? false })
    await this.tenant.save()
    await recordSettingsChange(by, 'branding')
    return { lowContrast: !this.tenant.inheritOrgStyle && hardToRead(input.primaryColor) }
  }
}
