import { encodePng } from '#database/demo_branding'

/**
 * A real PNG of the given size in one colour, for logo and favicon uploads.
 * `padTo` makes the file that many bytes long, to test size limits with a
 * valid image.
 */
export function png(width: number, height: number, rgb = [29, 78, 216], padTo = 0): Buffer {
  const pixel: [number, number, number, number] = [rgb[0], rgb[1], rgb[2], 255]
  return encodePng(width, height, () => pixel, padTo)
}
