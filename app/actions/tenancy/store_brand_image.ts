import type { I18n } from '@adonisjs/i18n'
import type Tenant from '#models/tenant'
import { fieldError } from '#exceptions/user_facing_exception'
import {
  brandImageColumn,
  discardBrandImage,
  RefusedImage,
  storeBrandImage,
  type BrandImage,
} from '#services/branding'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

/**
 * TEN-3: a logo or favicon from the file at `path`, checked by content,
 * size and dimensions, stored under its hash and put on the tenant; the
 * image it replaces is removed. A refused image is a validation error on
 * `image` and changes nothing.
 *
 * @spec TEN-3
 */
export class StoreBrandImage {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async handle(kind: BrandImage, path: string, by: SettingsActor): Promise<void> {
    let key: string
    try {
      key = await storeBrandImage(this.tenant, kind, path)
    } catch (error) {
      if (error instanceof RefusedImage) {
        throw fieldError(
          'image',
          this.i18n.t(`settings.branding.image_${error.reason}`, error.data)
        )
      }
      throw error
    }
    const column = brandImageColumn(kind)
    const previous = this.tenant[column]
    this.tenant[column] = key
    await this.tenant.save()
    if (previous !== key) await discardBrandImage(previous)
    await recordSettingsChange(by, kind)
  }
}
