import { IncomingMessage, ServerResponse, request } from 'node:http'
import { Socket } from 'node:net'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'

/**
 * A request context as the server builds it, from a caller at `address`,
 * asking for `accept`.
 */
async function contextFrom(address: string, accept = 'text/html') {
  const socket = new Socket()
  Object.defineProperty(socket, 'remoteAddress', { value: address })
  const req = new IncomingMessage(socket)
  req.method = 'GET'
  req.url = '/documents'
  req.headers = { 'host': 'demo.localhost:3333', accept, 'accept-language': 'fr' }
  const res = new ServerResponse(req)
  return testUtils.createHttpContext({ req, res })
}

/** The handler as it runs under `npm start` (development: debugging on). */
function developmentHandler() {
  const handler = new HttpExceptionHandler()
  ;(handler as unknown as { debug: boolean }).debug = true
  return handler
}

const INTERNAL = new Error('ENOENT: /srv/portal/tmp/storage/t1/documents/secret.pdf')

test.group('Security / error answers', () => {
  test('a 500 shows nothing internal to a caller outside this machine, even in development', async ({
    assert,
  }) => {
    for (const accept of ['text/html', 'application/json']) {
      const ctx = await contextFrom('203.0.113.9', accept)
      await developmentHandler().handle(INTERNAL, ctx)
      const body = JSON.stringify(ctx.response.getBody())
      assert.equal(ctx.response.getStatus(), 500)
      assert.notInclude(body, '/srv/portal')
      assert.notInclude(body, 'ENOENT')
      assert.notInclude(body, 'at ')
      // In the caller's language, with the reference the log line carries.
      assert.include(body, accept === 'text/html' ? 'Référence' : 'reference')
      assert.include(body, ctx.request.id()!)
    }
  })

  test('the debug page is for a developer on this machine only', async ({ assert }) => {
    const local = await contextFrom('127.0.0.1')
    await developmentHandler().handle(INTERNAL, local)
    assert.include(String(local.response.getBody()), 'ENOENT')

    const forwarded = await contextFrom('198.51.100.7')
    forwarded.request.request.headers['x-forwarded-for'] = '127.0.0.1'
    await developmentHandler().handle(INTERNAL, forwarded)
    assert.notInclude(JSON.stringify(forwarded.response.getBody()), 'ENOENT')
  })

  test('outside development, 500 answers are generic whoever asks', async ({ assert }) => {
    const ctx = await contextFrom('127.0.0.1', 'application/json')
    await new HttpExceptionHandler().handle(INTERNAL, ctx)
    const body = ctx.response.getBody() as { code: string; message: string; reference: string }
    assert.equal(body.code, 'E_INTERNAL')
    assert.equal(body.reference, ctx.request.id())
    assert.notInclude(JSON.stringify(body), 'ENOENT')
  })
})

test.group('Security / malformed requests', () => {
  test('malformed headers, cookies and bodies get a 4xx or a normal answer, never a 500', async ({
    client,
    assert,
  }) => {
    const { TenantFactory } = await import('#database/factories/tenant_factory')
    const { freshWorld } = await import('#tests/support/world')
    await freshWorld()
    const tenant = await TenantFactory.create()
    const host = `${tenant.slug}.localhost:3334`
    const cases: [string, () => Promise<{ status(): number }>][] = [
      ['garbage Host', () => client.get('/login').header('Host', '%%%..::@@')],
      ['empty Host', () => client.get('/login').header('Host', '')],
      [
        'garbage cookie',
        () =>
          client
            .get('/login')
            .header('Host', host)
            .header('Cookie', 'portal-session=%E0%A4%A; XSRF-TOKEN=;;;='),
      ],
      [
        'huge Accept-Language',
        () =>
          client
            .get('/login')
            .header('Host', host)
            .header('Accept-Language', 'x;q=abc,'.repeat(500)),
      ],
      [
        'garbage X-Forwarded-For',
        () => client.get('/login').header('Host', host).header('X-Forwarded-For', 'not-an-ip, ;;'),
      ],
      [
        'Origin null on a form',
        () =>
          client
            .post('/login')
            .header('Host', host)
            .header('Origin', 'null')
            .form({ email: 'a@b.c', password: 'x' }),
      ],
      [
        'unknown content type',
        () =>
          client
            .post('/login')
            .header('Host', host)
            .header('Content-Type', 'application/x-nonsense')
            .withCsrfToken(),
      ],
      [
        'token of the wrong shape',
        () => client.get('/reset-password/%00%ff..%2f').header('Host', host),
      ],
      ['id that is no number', () => client.get('/documents/1e99999').header('Host', host)],
    ]
    for (const [what, send] of cases) {
      const response = await send()
      assert.isBelow(response.status(), 500, what)
    }
    // A body that is not the JSON it says it is.
    const status = await new Promise<number>((done, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: 3334,
          method: 'POST',
          path: '/login',
          headers: {
            'Host': host,
            'Content-Type': 'application/json',
            'Accept': 'application/json',
          },
        },
        (response) => {
          response.resume()
          done(response.statusCode ?? 0)
        }
      )
      req.on('error', reject)
      req.end('{"email": "a@b.c", "password": ')
    })
    assert.oneOf(status, [400, 403, 422])
  })
})
