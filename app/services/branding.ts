/** @spec TEN-3 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import { imageSize } from 'image-size'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import type Tenant from '#models/tenant'

/** The images a tenant can upload: the organisation's logo, the portal's logo and favicon. */
export const BRAND_IMAGES = ['org_logo', 'logo', 'favicon'] as const
export type BrandImage = (typeof BRAND_IMAGES)[number]

const COLUMN = { org_logo: 'orgLogoKey', logo: 'logoKey', favicon: 'faviconKey' } as const

/**
 * What each image may be. SVG is refused: it can carry scripts, and a
 * raster logo of a few hundred pixels is what a header and an e-mail show.
 */
export const BRAND_IMAGE_RULES: Record<
  BrandImage,
  { maxBytes: number; types: string[]; minSide: number; maxSide: number }
> = {
  org_logo: {
    maxBytes: 1024 * 1024,
    types: ['image/png', 'image/jpeg', 'image/webp'],
    minSide: 16,
    maxSide: 4000,
  },
  logo: {
    maxBytes: 1024 * 1024,
    types: ['image/png', 'image/jpeg', 'image/webp'],
    minSide: 16,
    maxSide: 4000,
  },
  favicon: {
    maxBytes: 256 * 1024,
    types: ['image/png', 'image/x-icon', 'image/vnd.microsoft.icon'],
    minSide: 16,
    maxSide: 512,
  },
}

const EXTENSION: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
}

const CONTENT_TYPE: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  ico: 'image/x-icon',
}

/** Why an image was refused: a message under `settings.branding.image_<reason>`. */
export class RefusedImage extends Error {
  constructor(
    public reason: 'empty' | 'too_large' | 'wrong_type' | 'too_small' | 'too_big',
    public data: Record<string, unknown> = {}
  ) {
    super(reason)
  }
}

/**
 * Checks an uploaded image by its content (magic bytes, then its
 * dimensions) and stores it under a name derived from its hash. Returns the
 * storage key; the caller saves it on the tenant.
 */
export async function storeBrandImage(
  tenant: Tenant,
  kind: BrandImage,
  path: string
): Promise<string> {
  const rules = BRAND_IMAGE_RULES[kind]
  const content = await readFile(path)
  if (content.length === 0) throw new RefusedImage('empty')
  if (content.length > rules.maxBytes) {
    throw new RefusedImage('too_large', { max: Math.round(rules.maxBytes / 1024) })
  }
  const detected = await fileTypeFromBuffer(content)
  if (!detected || !rules.types.includes(detected.mime)) {
    throw new RefusedImage('wrong_type', {
      types: [...new Set(rules.types.map((type) => EXTENSION[type].toUpperCase()))].join(', '),
    })
  }
  let width: number
  let height: number
  try {
    ;({ width, height } = imageSize(content))
  } catch {
    throw new RefusedImage('wrong_type', { types: EXTENSION[detected.mime].toUpperCase() })
  }
  if (Math.min(width, height) < rules.minSide)
    throw new RefusedImage('too_small', { min: rules.minSide })
  if (Math.max(width, height) > rules.maxSide)
    throw new RefusedImage('too_big', { max: rules.maxSide })

  const hash = createHash('sha256').update(content).digest('hex').slice(0, 20)
  const key = `branding/${tenant.id}/${kind}-${hash}.${EXTENSION[detected.mime]}`
  await drive.use().put(key, content, { contentType: detected.mime })
  return key
}

/** The tenant column that holds an image's key. */
export function brandImageColumn(kind: BrandImage) {
  return COLUMN[kind]
}

/**
 * Removes an image that is no longer used. A failure leaves an orphan file
 * behind, never a broken portal, so it is only logged.
 */
export async function discardBrandImage(key: string | null) {
  if (!key) return
  try {
    await drive.use().delete(key)
  } catch (error) {
    logger.warn({ err: error, key }, 'could not delete a replaced branding image')
  }
}

/** The public address of a stored image: its name carries its hash, so it can be cached for ever. */
export function brandImageUrl(key: string | null): string | null {
  return key ? `/branding/${basename(key)}` : null
}

export function brandImageContentType(fileName: string): string | null {
  const extension = fileName.split('.').pop() ?? ''
  return CONTENT_TYPE[extension] ?? null
}

/** `#rrggbb`, the only colour notation stored. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/i

/**
 * The text colour that reads on a background: black or white, whichever
 * contrasts more (WCAG relative luminance).
 */
export function readableOn(background: string): '#ffffff' | '#111827' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111827')
    ? '#ffffff'
    : '#111827'
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * TEN-3: what the portal and the e-mails show. With "inherit the
 * organisation's style" on, the organisation's logo and colours, read at
 * every request, so a later change of the house style shows at once;
 * the favicon is the portal's own either way.
 */
export function effectiveBranding(tenant: Tenant) {
  const inherit = tenant.inheritOrgStyle
  const primaryColor = inherit ? tenant.orgPrimaryColor : tenant.primaryColor
  const secondaryColor = inherit ? tenant.orgSecondaryColor : tenant.secondaryColor
  return {
    inherited: inherit,
    logoUrl: brandImageUrl(inherit ? tenant.orgLogoKey : tenant.logoKey),
    faviconUrl: brandImageUrl(tenant.faviconKey),
    primaryColor,
    secondaryColor,
    onPrimary: readableOn(primaryColor),
  }
}

/**
 * What every e-mail's layout shows of the tenant (TEN-3, TEN-4): its
 * branding as the portal shows it (the logo by absolute address, since a
 * mail client has no host to resolve it against), and its contact details.
 */
export function mailBranding(tenant: Tenant | null, locale: string): Required<MailLayout> {
  if (!tenant) {
    return {
      tenantName: '',
      primaryColor: '#1d4ed8',
      onPrimary: '#ffffff',
      logoUrl: null,
      contact: [],
      locale,
    }
  }
  const branding = effectiveBranding(tenant)
  const website = tenant.websiteUrl
  return {
    tenantName: tenant.name,
    primaryColor: branding.primaryColor,
    onPrimary: branding.onPrimary,
    logoUrl: branding.logoUrl ? tenant.url(branding.logoUrl) : null,
    contact: [
      tenant.supportEmail && { label: tenant.supportEmail, href: `mailto:${tenant.supportEmail}` },
      tenant.supportPhone && {
        label: tenant.supportPhone,
        href: `tel:${tenant.supportPhone.replace(/[^+0-9]/g, '')}`,
      },
      website && { label: website.replace(/^https?:\/\//, '').replace(/\/$/, ''), href: website },
    ].filter((entry): entry is { label: string; href: string } => !!entry),
    locale,
  }
}

/** What an e-mail's layout needs; tests and previews may leave out the optional parts. */
export type MailLayout = {
  tenantName: string
  primaryColor: string
  onPrimary?: string
  logoUrl?: string | null
  contact?: { label: string; href: string }[]
  locale: string
}
