import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { fieldError } from '#exceptions/user_facing_exception'
import { activityLog } from '#services/activity_log'
import {
  BRAND_IMAGE_RULES,
  BRAND_IMAGES,
  brandImageColumn,
  brandImageUrl,
  contrastRatio,
  discardBrandImage,
  RefusedImage,
  storeBrandImage,
  type BrandImage,
} from '#services/branding'
import { checkPortalHost } from '#services/portal_host'
import { seats } from '#services/seats'
import { TenantResolver } from '#tenancy/tenant_resolver'
import { NotFoundException } from '#exceptions/not_found_exception'
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
 * house style and branding, contact details, header options, licence.
 * Each section saves on its own; a refused value keeps what was stored.
 *
 * @spec TEN-1 TEN-3 TEN-4 TEN-8
 */
export default class PortalSettingsController {
  async show({ inertia, tenant }: HttpContext) {
    return inertia.render('admin/portal_settings', {
      address: {
        subdomainHost: `${tenant.slug}.${env.get('TENANT_BASE_DOMAIN')}`,
        customHost: tenant.customHost,
        portalUrl: tenant.url('/'),
      },
      orgStyle: {
        logoUrl: brandImageUrl(tenant.orgLogoKey),
        primaryColor: tenant.orgPrimaryColor,
        secondaryColor: tenant.orgSecondaryColor,
      },
      branding: {
        inheritOrgStyle: tenant.inheritOrgStyle,
        logoUrl: brandImageUrl(tenant.logoKey),
        faviconUrl: brandImageUrl(tenant.faviconKey),
        primaryColor: tenant.primaryColor,
        secondaryColor: tenant.secondaryColor,
      },
      imageRules: Object.fromEntries(
        BRAND_IMAGES.map((kind) => [
          kind,
          {
            maxKb: Math.round(BRAND_IMAGE_RULES[kind].maxBytes / 1024),
            accept: BRAND_IMAGE_RULES[kind].types.join(','),
            maxSide: BRAND_IMAGE_RULES[kind].maxSide,
          },
        ])
      ) as Record<BrandImage, { maxKb: number; accept: string; maxSide: number }>,
      contact: {
        supportEmail: tenant.supportEmail,
        websiteUrl: tenant.websiteUrl,
        supportPhone: tenant.supportPhone,
      },
      header: {
        showRegisterButton: tenant.showRegisterButton,
        helpFormEnabled: tenant.helpFormEnabled,
        registrationAvailable: tenant.registrationOptions.length > 0,
      },
      sessions: {
        sessionIdleMinutes: tenant.sessionIdleMinutes,
        sessionMaxHours: tenant.sessionMaxHours,
      },
      licence: { used: await seats.used(), included: tenant.seatLimit },
    })
  }

  /** TEN-1: the portal's own host; the tenant answers on it at once. */
  async updateHost(ctx: HttpContext) {
    const { tenant } = ctx
    const input = await ctx.request.validateUsing(portalHostValidator)
    const check = await checkPortalHost(input.customHost, tenant)
    if (!check.ok) {
      throw fieldError(
        'customHost',
        ctx.i18n.t(`settings.host.${check.problem}`, {
          base: env.get('TENANT_BASE_DOMAIN'),
        })
      )
    }
    const previous = tenant.customHost
    tenant.customHost = check.host
    await tenant.save()
    TenantResolver.flush()
    await this.log(ctx, 'address', { from: previous, to: check.host })
    return this.saved(ctx)
  }

  /** TEN-3: the organisation's colours (its logo is an image upload). */
  async updateOrgStyle(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(orgStyleValidator)
    ctx.tenant.merge(input)
    await ctx.tenant.save()
    await this.log(ctx, 'org_style')
    return this.saved(ctx, this.contrastWarning(ctx, input.orgPrimaryColor))
  }

  /** TEN-3: the portal's colours, or "follow the organisation's style". */
  async updateBranding(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(brandingValidator)
    ctx.tenant.merge({ ...input, inheritOrgStyle: input.inheritOrgStyle ?? false })
    await ctx.tenant.save()
    await this.log(ctx, 'branding')
    return this.saved(
      ctx,
      ctx.tenant.inheritOrgStyle ? null : this.contrastWarning(ctx, input.primaryColor)
    )
  }

  /** TEN-3: a logo or favicon, checked by content, size and dimensions. */
  async uploadImage(ctx: HttpContext) {
    const kind = this.imageKind(ctx)
    const rules = BRAND_IMAGE_RULES[kind]
    const file = ctx.request.file('image', { size: rules.maxBytes + 1 })
    const field = 'image'
    if (!file || !file.tmpPath) {
      throw fieldError(field, ctx.i18n.t('settings.branding.image_missing'))
    }
    if (file.hasErrors && file.errors.some((error) => error.type === 'size')) {
      throw fieldError(
        field,
        ctx.i18n.t('settings.branding.image_too_large', { max: Math.round(rules.maxBytes / 1024) })
      )
    }
    let key: string
    try {
      key = await storeBrandImage(ctx.tenant, kind, file.tmpPath)
    } catch (error) {
      if (error instanceof RefusedImage) {
        throw fieldError(field, ctx.i18n.t(`settings.branding.image_${error.reason}`, error.data))
      }
      throw error
    }
    const column = brandImageColumn(kind)
    const previous = ctx.tenant[column]
    ctx.tenant[column] = key
    await ctx.tenant.save()
    if (previous !== key) await discardBrandImage(previous)
    await this.log(ctx, kind)
    return this.saved(ctx)
  }

  async removeImage(ctx: HttpContext) {
    const kind = this.imageKind(ctx)
    const column = brandImageColumn(kind)
    const previous = ctx.tenant[column]
    ctx.tenant[column] = null
    await ctx.tenant.save()
    await discardBrandImage(previous)
    await this.log(ctx, kind)
    return this.saved(ctx)
  }

  /** TEN-4: support e-mail, website and phone in the footer. */
  async updateContact(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(contactValidator)
    ctx.tenant.merge({
      supportEmail: input.supportEmail ?? null,
      websiteUrl: input.websiteUrl ?? null,
      supportPhone: input.supportPhone ?? null,
    })
    await ctx.tenant.save()
    await this.log(ctx, 'contact')
    return this.saved(ctx)
  }

  /** TEN-4: the header's help link and register button. */
  async updateHeader(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(headerValidator)
    ctx.tenant.merge({
      showRegisterButton: input.showRegisterButton ?? false,
      helpFormEnabled: input.helpFormEnabled ?? false,
    })
    await ctx.tenant.save()
    await this.log(ctx, 'header')
    return this.saved(ctx)
  }

  /** ASVS 3.3: the tenant's session limits (idle and absolute). */
  async updateSessions(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(sessionLimitsValidator)
    ctx.tenant.merge(input)
    await ctx.tenant.save()
    await this.log(ctx, 'sessions', {
      idleMinutes: String(input.sessionIdleMinutes),
      maxHours: String(input.sessionMaxHours),
    })
    return this.saved(ctx)
  }

  private imageKind(ctx: HttpContext): BrandImage {
    const kind = ctx.params.kind as BrandImage
    if (!BRAND_IMAGES.includes(kind)) throw new NotFoundException()
    return kind
  }

  /** White text on the header must stay readable (WCAG AA asks 4.5:1). */
  private contrastWarning(ctx: HttpContext, primary: string): string | null {
    return contrastRatio(primary, '#ffffff') < 4.5 && contrastRatio(primary, '#111827') < 4.5
      ? ctx.i18n.t('settings.branding.low_contrast')
      : null
  }

  private async log(
    ctx: HttpContext,
    section: string,
    details: Record<string, string | null> = {}
  ) {
    await activityLog.record({
      tenantId: ctx.tenant.id,
      type: 'tenant.settings_changed',
      actor: ctx.auth.user!,
      ip: ctx.request.ip(),
      details: { section, ...details },
    })
  }

  private saved(ctx: HttpContext, warning: string | null = null) {
    ctx.session.flash('success', ctx.i18n.t('settings.saved'))
    if (warning) ctx.session.flash('warning', warning)
    return ctx.response.redirect().back()
  }
}
