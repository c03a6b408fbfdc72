import { IncomingMessage, ServerResponse } from 'node:http'
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
