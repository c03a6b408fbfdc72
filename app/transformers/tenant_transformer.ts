import { BaseTransformer } from '@adonisjs/core/transformers'
import type Tenant from '#models/tenant'

/**
 * The tenant's public face: name and colours for the portal layout.
 */
export default class TenantTransformer extends BaseTransformer<Tenant> {
  toObject() {
    return this.pick(this.resource, [
      'slug',
      'name',
      'primaryColor',
      'secondaryColor',
      'defaultLocale',
    ])
  }
}
