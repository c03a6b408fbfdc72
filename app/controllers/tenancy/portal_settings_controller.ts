import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#exceptions/user_facing_exception'
import { NotFoundException } from '#exceptions/not_found_exception'
import { BRAND_IMAGE_RULES, BRAND_IMAGES, type BrandImage } from '#services/branding'
import { seats } from '#services/seats'
import { ChangePortalHost } from '#actions/tenancy/change_portal_host'
import { RemoveBrandImage } from '#actions/tenancy/remove_brand_image'
import type { SettingsActor } from '#actions/tenancy/settings_change'
import { StoreBrandImage } from '#actions/tenancy/store_brand_image'
import { UpdateBranding } from '#actions/tenancy/update_branding'
import { UpdateContactDetails } from '#actions/tenancy/update_contact_details'
import { UpdateHeaderOptions } from '#actions/tenancy/update_header_options'
import { UpdateHouseStyle } from '#actions/tenancy/update_house_style'
import { UpdateSessionLimits } from '#actions/tenancy/update_session_limits'
import BrandImageRulesTransformer from '#transformers/tenancy/brand_image_rules_transformer'
import LicenceTransformer from '#transformers/tenancy/licence_transformer'
import PortalSettingsTransformer from '#transformers/tenancy/portal_settings_transformer'
import {
  brandingValidator,
  contactValidator,
  headerValidator,
  orgStyleValidator,
  portalHostValidator,
  sessionLimitsValidator,
} from '#validators/settings'

/**
 * The portal's settings page (TEN-1, TEN-3, TEN-4, TEN-8): address,
 * house style and branding, contact details, header options, session
 * limits, licence. Each section saves on its own (an action in
 * app/actions/tenancy); a refused value keeps what was stored.
 */
export default class PortalSettingsController {
  async show({ inertia, tenant }: HttpContext) {
    const settings = () => PortalSettingsTransformer.transform(tenant)
    return inertia.render('admin/portal_settings', {
      address: settings().useVariant('toAddress'),
      orgStyle: settings().useVariant('toOrgStyle'),
      branding: settings().useVariant('toBranding'),
      imageRules: BrandImageRulesTransformer.transform(BRAND_IMAGE_RULES),
      contact: settings().useVariant('toContact'),
      header: settings().useVariant('toHeader'),
      sessions: settings().useVariant('toSessions'),
      licence: LicenceTransformer.transform(tenant, await seats.used()),
    })
  }

  /** TEN-1: the portal's own host; the tenant answers on it at once. */
  async updateHost(ctx: HttpContext) {
    const { customHost } = await ctx.request.validateUsing(portalHostValidator)
    await new ChangePortalHost(ctx.tenant, ctx.i18n).handle(customHost, this.actor(ctx))
    return this.saved(ctx)
  }

  /** TEN-3: the organisation's colours (its logo is an image upload). */
  async updateOrgStyle(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(orgStyleValidator)
    const { lowContrast } = await new UpdateHouseStyle(ctx.tenant).handle(input, this.actor(ctx))
    return this.saved(ctx, lowContrast)
  }

  /** TEN-3: the portal's colours, or "follow the organisation's style". */
  async updateBranding(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(brandingValidator)
    const { lowContrast } = await new UpdateBranding(ctx.tenant).handle(input, this.actor(ctx))
    return this.saved(ctx, lowContrast)
  }

  /** TEN-3: a logo or favicon; the upload's size is checked here, its content by the action. */
  async uploadImage(ctx: HttpContext) {
    const kind = this.imageKind(ctx)
    const rules = BRAND_IMAGE_RULES[kind]
    const file = ctx.request.file('image', { size: rules.maxBytes + 1 })
    if (!file || !file.tmpPath) {
      throw fieldError('image', ctx.i18n.t('settings.branding.image_missing'))
    }
    if (file.hasErrors && file.errors.some((error) => error.type === 'size')) {
      throw fieldError(
        'image',
        ctx.i18n.t('settings.branding.image_too_large', { max: Math.round(rules.maxBytes / 1024) })
      )
    }
    await new StoreBrandImage(ctx.tenant, ctx.i18n).handle(kind, file.tmpPath, this.actor(ctx))
    return this.saved(ctx)
  }

  async removeImage(ctx: HttpContext) {
    await new RemoveBrandImage(ctx.tenant).handle(this.imageKind(ctx), this.actor(ctx))
    return this.saved(ctx)
  }

  /** TEN-4: support e-mail, website and phone in the footer. */
  async updateContact(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(contactValidator)
    await new UpdateContactDetails(ctx.tenant).handle(input, this.actor(ctx))
    return this.saved(ctx)
  }

  /** TEN-4: the header's help link and register button. */
  async updateHeader(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(headerValidator)
    await new UpdateHeaderOptions(ctx.tenant).handle(input, this.actor(ctx))
    return this.saved(ctx)
  }

  /** ASVS 3.3: the tenant's session limits (idle and absolute). */
  async updateSessions(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(sessionLimitsValidator)
    await new UpdateSessionLimits(ctx.tenant).handle(input, this.actor(ctx))
    return this.saved(ctx)
  }

  private imageKind(ctx: HttpContext): BrandImage {
    const kind = ctx.params.kind as BrandImage
    if (!BRAND_IMAGES.includes(kind)) throw new NotFoundException()
    return kind
  }

  private actor(ctx: HttpContext): SettingsActor {
    return { user: ctx.auth.user!, ip: ctx.request.ip() }
  }

  /** Back to the page; a hard-to-read primary colour was saved, with a warning. */
  private saved(ctx: HttpContext, lowContrast = false) {
    ctx.session.flash('success', ctx.i18n.t('settings.saved'))
    if (lowContrast) ctx.session.flash('warning', ctx.i18n.t('settings.branding.low_contrast'))
    return ctx.response.redirect().back()
  }
}
