import { BaseTransformer } from '@adonisjs/core/transformers'
import type Tenant from '#models/tenant'
import tenancyConfig from '#config/tenancy'
import { brandImageUrl } from '#services/branding'

/**
 * The tenant's settings as its admin edits them, one variant per section
 * of the settings page (each section saves on its own): the portal's
 * address (TEN-1), the organisation's house style and the portal's
 * branding (TEN-3), contact details and header options (TEN-4), and the
 * session limits (ASVS 3.3, also shown on the user's security page).
 * `toObject` is every section at once.
 *
 * @spec TEN-1 TEN-3 TEN-4
 */
export default class PortalSettingsTransformer extends BaseTransformer<Tenant> {
  toObject() {
    return {
      address: this.toAddress(),
      orgStyle: this.toOrgStyle(),
      branding: this.toBranding(),
      contact: this.toContact(),
      header: this.toHeader(),
      sessions: this.toSessions(),
    }
  }

  toAddress() {
    const tenant = this.resource
    return {
      subdomainHost: `${tenant.slug}.${tenancyConfig.baseDomain}`,
      customHost: tenant.customHost,
      portalUrl: tenant.url('/'),
    }
  }

  toOrgStyle() {
    const tenant = this.resource
    return {
      logoUrl: brandImageUrl(tenant.orgLogoKey),
      primaryColor: tenant.orgPrimaryColor,
      secondaryColor: tenant.orgSecondaryColor,
    }
  }

  toBranding() {
    const tenant = this.resource
    return {
      inheritOrgStyle: tenant.inheritOrgStyle,
      logoUrl: brandImageUrl(tenant.logoKey),
      faviconUrl: brandImageUrl(tenant.faviconKey),
      primaryColor: tenant.primaryColor,
      secondaryColor: tenant.secondaryColor,
    }
  }

  toContact() {
    return this.pick(this.resource, ['supportEmail', 'websiteUrl', 'supportPhone'])
  }

  toHeader() {
    const tenant = this.resource
    return {
      showRegisterButton: tenant.showRegisterButton,
      helpFormEnabled: tenant.helpFormEnabled,
      registrationAvailable: tenant.registrationOptions.length > 0,
    }
  }

  toSessions() {
    return this.pick(this.resource, ['sessionIdleMinutes', 'sessionMaxHours'])
  }
}
