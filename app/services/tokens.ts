import { createHash, randomBytes } from 'node:crypto'

/**
 * A random, URL-safe secret for a one-time link, and the SHA-256 that is
 * stored instead of it (a database leak does not leak usable links).
 */
export function createToken(bytes = 32): { value: string; hash: string } {
  const value = randomBytes(bytes).toString('base64url')
  return { value, hash: hashToken(value) }
}

export function hashToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

/**
 * Tokens we hand out are 43 base64url characters; anything else is refused
 * before touching the database.
 */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)
}
