/** @spec TEN-3 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import Tenant from '#models/tenant'
import { storeBrandImage } from '#services/branding'
import { tenantContext } from '#tenancy/tenant_context'

type Pixel = [number, number, number, number]

/**
 * A PNG (8-bit RGBA) drawn pixel by pixel. `padTo` appends an ancillary text
 * chunk until the file has that many bytes (tests of size limits use it).
 */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Pixel,
  padTo = 0
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1)
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4)
  }
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
  ]
  const size = parts.reduce((total, part) => total + part.length, 0) + 12
  if (padTo > size + 12) parts.push(chunk('teXt', Buffer.alloc(padTo - size - 12, 0x61)))
  parts.push(chunk('IEND', Buffer.alloc(0)))
  return Buffer.concat(parts)
}

/**
 * The demo's logo: a white ring with a dot, and three bars standing for a
 * word mark, on a transparent background (it sits on the header colour).
 */
function demoLogo(): Buffer {
  const white: Pixel = [255, 255, 255, 255]
  const clear: Pixel = [0, 0, 0, 0]
  return encodePng(220, 56, (x, y) => {
    const distance = Math.hypot(x - 28, y - 28)
    if ((distance <= 24 && distance >= 17) || distance <= 8) return white
    const bars = [
      [64, 200, 12, 22],
      [64, 160, 27, 33],
      [64, 120, 38, 44],
    ]
    return bars.some(([x1, x2, y1, y2]) => x >= x1 && x <= x2 && y >= y1 && y <= y2) ? white : clear
  })
}

/** The same mark as a 32-pixel favicon, in the demo's primary colour. */
function demoFavicon(): Buffer {
  return encodePng(32, 32, (x, y) => {
    const distance = Math.hypot(x - 15.5, y - 15.5)
    if (distance <= 15.5 && (distance >= 11 || distance <= 4)) return [29, 78, 216, 255]
    return [0, 0, 0, 0]
  })
}

/**
 * TEN-3 demo: a logo and favicon for the demo tenant, once (an admin's own
 * upload later is kept).
 */
export async function seedDemoBranding(slug: string) {
  const tenant = await tenantContext.runUnscoped('seed demo data', () =>
    Tenant.findByOrFail('slug', slug)
  )
  if (tenant.logoKey || tenant.faviconKey) return
  const folder = mkdtempSync(join(tmpdir(), 'demo-branding-'))
  try {
    const logo = join(folder, 'logo.png')
    const favicon = join(folder, 'favicon.png')
    writeFileSync(logo, demoLogo())
    writeFileSync(favicon, demoFavicon())
    tenant.logoKey = await storeBrandImage(tenant, 'logo', logo)
    tenant.faviconKey = await storeBrandImage(tenant, 'favicon', favicon)
    await tenantContext.runUnscoped('seed demo data', () => tenant.save())
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
