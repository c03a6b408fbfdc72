/**
 * Baseline: a bare node:http handler answering the same small JSON body.
 */
import { createServer } from 'node:http'

const port = Number(process.env.PORT)
const body = JSON.stringify({ ok: true, tenant: 'demo' })

createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}).listen(port, '127.0.0.1', () => process.send?.('ready'))
