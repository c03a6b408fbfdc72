import type Tenant from '#models/tenant'
import { brandImageColumn, discardBrandImage, type BrandImage } from '#services/branding'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

/**
 * TEN-3: takes a logo or favicon off the tenant (the portal falls back to
 * the house style's or none) and removes the stored file.
 *
 * @spec TEN-3
 */
export class RemoveBrandImage {
  constructor(protected tenant: Tenant) {}

  async handle(kind: BrandImage, by: SettingsActor): Promise<void> {
    const column = brandImageColumn(kind)
    const previous = this.tenant[column]
    this.tenant[column] = null
    await this.tenant.save()
    await discardBrandImage(previous)
    await recordSettingsChange(by, kind)
  }
}
