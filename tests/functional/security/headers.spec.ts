import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'

function assertSecurityHeaders(assert: any, response: ApiResponse, what: string) {
  const csp = String(response.header('content-security-policy') ?? '')
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/, `${what}: CSP script-src`)
  assert.notInclude(
    csp.split(';').find((part) => part.includes('script-src')) ?? '',
    'unsafe',
    what
  )
  assert.include(csp, "frame-ancestors 'none'", what)
  assert.include(csp, "object-src 'none'", what)
  assert.equal(response.header('x-frame-options'), 'DENY', what)
  assert.equal(response.header('x-content-type-options'), 'nosniff', what)
  assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin', what)
  assert.isDefined(response.header('permissions-policy'), what)
}

test.group('Security / headers on every answer', (group) => {
  resetWorld(group)

  test('pages, unknown hosts, unknown routes and errors all carry the security headers', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const page = await client.get('/login').forTenant(tenant.slug)
    page.assertStatus(200)
    assertSecurityHeaders(assert, page, 'login page')

    const unknownHost = await client.get('/login').header('Host', 'nobody.localhost:3334')
    unknownHost.assertStatus(404)
    assertSecurityHeaders(assert, unknownHost, 'unknown host')

    const unknownRoute = await client.get('/no/such/page').forTenant(tenant.slug)
    unknownRoute.assertStatus(404)
    assertSecurityHeaders(assert, unknownRoute, 'unknown route')

    const api = await client.get('/api/v1/documents').forTenant(tenant.slug)
    api.assertStatus(401)
    assertSecurityHeaders(assert, api, 'API error')

    // Nothing personal is kept in caches; an API answer is a file, never a page.
    assert.equal(page.header('cache-control'), 'no-store')
    assert.equal(api.header('cache-control'), 'no-store')
    assert.equal(api.header('content-disposition'), 'attachment; filename="api.json"')
  })

  test("the page's scripts carry this answer's nonce, and each answer has its own", async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const nonces: string[] = []
    for (let i = 0; i < 2; i++) {
      const page = await client.get('/login').forTenant(tenant.slug)
      const nonce = String(page.header('content-security-policy')).match(/'nonce-([^']+)'/)![1]
      const scripts = [...page.text().matchAll(/<script type="module"[^>]*>/g)].map((m) => m[0])
      assert.isAbove(scripts.length, 0)
      for (const script of scripts) assert.include(script, `nonce="${nonce}"`)
      nonces.push(nonce)
    }
    assert.notEqual(nonces[0], nonces[1])
  })

  test('HSTS only when the request came over HTTPS', async ({ client, assert }) => {
    const tenant = await TenantFactory.create()
    const plain = await client.get('/login').forTenant(tenant.slug)
    assert.isUndefined(plain.header('strict-transport-security'))
    const tls = await client
      .get('/login')
      .forTenant(tenant.slug)
      .header('X-Forwarded-Proto', 'https')
    assert.match(String(tls.header('strict-transport-security')), /max-age=31536000/)
  })
})
