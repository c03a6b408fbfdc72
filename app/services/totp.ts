import { Secret, TOTP } from 'otpauth'

/**
 * RFC 6238 time-based one-time passwords as authenticator apps (Google,
 * Microsoft) make them: HMAC-SHA-1, 6 digits, 30-second steps. The `otpauth`
 * library does the arithmetic; this module adds the rules: one step of clock
 * drift either side, and a code never accepted twice.
 */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
const ALGORITHM = 'SHA1'
const WINDOW = 1

export type TotpCheck =
  { valid: true; step: number } | { valid: false; reason: 'malformed' | 'wrong' | 'replayed' }

/** Codes typed with spaces ("123 456") are fine; anything but 6 digits is not. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== 'string') return null
  const code = input.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(code) ? code : null
}

/** @spec IAM-2 */
export const totp = {
  /** A new random secret (160 bits, as RFC 4226 recommends), base32 encoded. */
  generateSecret(): string {
    return new Secret({ size: 20 }).base32
  },

  /** The `otpauth://` URI a QR code carries to the authenticator app. */
  uri(secret: string, issuer: string, account: string): string {
    return new TOTP({
      issuer,
      label: account,
      secret: Secret.fromBase32(secret),
      algorithm: ALGORITHM,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    }).toString()
  },

  /** The step (30-second counter) a moment falls in. */
  stepAt(timestampMs: number): number {
    return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS)
  },

  /** The code for a moment (for tests and the demo's helpers). */
  generate(secret: string, timestampMs = Date.now()): string {
    return TOTP.generate({
      secret: Secret.fromBase32(secret),
      algorithm: ALGORITHM,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
      timestamp: timestampMs,
    })
  },

  /**
   * Checks a code against the secret at a moment. `lastStep` is the step of
   * the last code accepted for this secret: that code and every older one
   * are refused (RFC 6238, section 5.2).
   */
  verify(
    secret: string,
    input: unknown,
    options: { lastStep?: number | null; timestampMs?: number } = {}
  ): TotpCheck {
    const token = normalizeCode(input)
    if (!token) return { valid: false, reason: 'malformed' }
    const timestampMs = options.timestampMs ?? Date.now()
    const delta = TOTP.validate({
      token,
      secret: Secret.fromBase32(secret),
      algorithm: ALGORITHM,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
      timestamp: timestampMs,
      window: WINDOW,
    })
    if (delta === null) return { valid: false, reason: 'wrong' }
    const step = this.stepAt(timestampMs) + delta
    if (options.lastStep !== null && options.lastStep !== undefined && step <= options.lastStep) {
      return { valid: false, reason: 'replayed' }
    }
    return { valid: true, step }
  },
}
