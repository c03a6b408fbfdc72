/** @spec IAM-2 */
import { test } from '@japa/runner'
import { base32 } from '#tests/support/base32'
import { totp, normalizeCode } from '#services/totp'

/**
 * RFC 6238 appendix B, SHA-1 rows. The RFC prints 8 digits; a 6-digit code
 * is the same number modulo 10^6, i.e. its last six digits.
 */
const RFC_SECRET = base32(Buffer.from('12345678901234567890', 'ascii'))
const RFC_VECTORS: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]

test.group('Identity / TOTP (RFC 6238)', () => {
  test('the RFC 6238 SHA-1 test vectors are accepted at their time ({0})')
    .with(RFC_VECTORS)
    .run(({ assert }, [seconds, eightDigits]) => {
      const code = eightDigits.slice(-6)
      const at = seconds * 1000
      assert.equal(totp.generate(RFC_SECRET, at), code)
      assert.deepEqual(totp.verify(RFC_SECRET, code, { timestampMs: at }), {
        valid: true,
        step: Math.floor(seconds / 30),
      })
    })

  test('a code is accepted one step early or late, not two', ({ assert }) => {
    const at = 1234567890 * 1000
    const code = totp.generate(RFC_SECRET, at)
    assert.isTrue(totp.verify(RFC_SECRET, code, { timestampMs: at + 30_000 }).valid)
    assert.isTrue(totp.verify(RFC_SECRET, code, { timestampMs: at - 30_000 }).valid)
    assert.deepEqual(totp.verify(RFC_SECRET, code, { timestampMs: at + 60_000 }), {
      valid: false,
      reason: 'wrong',
    })
    assert.deepEqual(totp.verify(RFC_SECRET, code, { timestampMs: at - 60_000 }), {
      valid: false,
      reason: 'wrong',
    })
  })

  test('a code of an already used step, or older, is refused as a replay', ({ assert }) => {
    const at = 1234567890 * 1000
    const step = totp.stepAt(at)
    const code = totp.generate(RFC_SECRET, at)
    assert.deepEqual(totp.verify(RFC_SECRET, code, { timestampMs: at, lastStep: step }), {
      valid: false,
      reason: 'replayed',
    })
    const previous = totp.generate(RFC_SECRET, at - 30_000)
    assert.deepEqual(totp.verify(RFC_SECRET, previous, { timestampMs: at, lastStep: step }), {
      valid: false,
      reason: 'replayed',
    })
    const next = totp.generate(RFC_SECRET, at + 30_000)
    assert.isTrue(totp.verify(RFC_SECRET, next, { timestampMs: at, lastStep: step }).valid)
  })

  test('codes are read the way people type them', ({ assert }) => {
    assert.equal(normalizeCode(' 123 456 '), '123456')
    assert.equal(normalizeCode('123-456'), '123456')
    assert.isNull(normalizeCode('12345'))
    assert.isNull(normalizeCode('12345a'))
    assert.isNull(normalizeCode(123456))
    assert.deepEqual(totp.verify(RFC_SECRET, 'abcdef'), { valid: false, reason: 'malformed' })
  })

  test('a new secret is 160 random bits and its URI names issuer and account', ({ assert }) => {
    const secret = totp.generateSecret()
    assert.match(secret, /^[A-Z2-7]{32}$/)
    assert.notEqual(secret, totp.generateSecret())
    const uri = new URL(totp.uri(secret, 'Demo Leasing', 'anna@example.com'))
    assert.equal(uri.protocol, 'otpauth:')
    assert.equal(uri.host, 'totp')
    assert.equal(uri.searchParams.get('secret'), secret)
    assert.equal(uri.searchParams.get('issuer'), 'Demo Leasing')
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1')
    assert.equal(uri.searchParams.get('digits'), '6')
    assert.equal(uri.searchParams.get('period'), '30')
  })
})
