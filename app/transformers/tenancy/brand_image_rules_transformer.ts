import { BaseTransformer } from '@adonisjs/core/transformers'
import type { BRAND_IMAGE_RULES, BrandImage } from '#services/branding'

/**
 * What the upload field of each brand image (TEN-3) accepts: the largest
 * file in kB, the file types and the longest side in pixels. The server
 * checks the same rules (`BRAND_IMAGE_RULES`) on upload.
 *
 * @spec TEN-3
 */
export default class BrandImageRulesTransformer extends BaseTransformer<typeof BRAND_IMAGE_RULES> {
  toObject() {
    const field = (kind: BrandImage) => {
      const rule = this.resource[kind]
      return {
        maxKb: Math.round(rule.maxBytes / 1024),
        accept: rule.types.join(','),
        maxSide: rule.maxSide,
      }
    }
    return { org_logo: field('org_logo'), logo: field('logo'), favicon: field('favicon') }
  }
}
