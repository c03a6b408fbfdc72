import { basename } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { NotFoundException } from '#exceptions/not_found_exception'
import { brandImageContentType } from '#services/branding'

/**
 * The tenant's logos and favicon (TEN-3), public: the login page and the
 * e-mails show them. Only the images the tenant uses now are served; their
 * names carry their hash, so browsers keep them for a year.
 *
 * @spec TEN-3
 */
export default class BrandingController {
  async show({ params, tenant, response }: HttpContext) {
    const name = String(params.file)
    const key = [tenant.orgLogoKey, tenant.logoKey, tenant.faviconKey].find(
      (candidate) => candidate && basename(candidate) === name
    )
    const contentType = brandImageContentType(name)
    if (!key || !contentType) throw new NotFoundException()
    const bytes = await drive.use().getBytes(key)
    response.header('Content-Type', contentType)
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'")
    return response.send(Buffer.from(bytes))
  }
}
