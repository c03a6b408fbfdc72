import { BaseTransformer } from '@adonisjs/core/transformers'
import type Tenant from '#models/tenant'
import { effectiveBranding } from '#services/branding'

/**
 * The tenant's public face for the layouts: name, branding (TEN-3),
 * contact details and header options (TEN-4).
 *
 * @spec TEN-3 TEN-4
 */
export default class TenantTransformer extends BaseTransformer<Tenant> {
  toObject() {
    const tenant = this.resource
    const branding = effectiveBranding(tenant)
    return {
      slug: tenant.slug,
      name: tenant.name,
      defaultLocale: tenant.defaultLocale,
      primaryColor: branding.primaryColor,
      secondaryColor: branding.secondaryColor,
      onPrimary: branding.onPrimary,
      logoUrl: branding.logoUrl,
      faviconUrl: branding.faviconUrl,
      contact: {
        email: tenant.supportEmail,
        website: tenant.websiteUrl,
        phone: tenant.supportPhone,
      },
      helpForm: tenant.helpFormEnabled && !!tenant.supportEmail,
      registerButton: tenant.showRegisterButton && tenant.registrationOptions.length > 0,
    }
  }
}
