import type { HttpContext } from '@adonisjs/core/http'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { pipeline } from 'node:stream/promises'
import temporalConfig from '#config/temporal'
import { sameOrigin } from '#controllers/operations/queues_controller'

/** Headers of one hop only (RFC 9110 7.6.1), never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
])

/** The platform's own cookies stay here: Temporal UI gets only its own. */
const OWN_COOKIES = /^(__Host-)?(portal-session|XSRF-TOKEN|portal-locale|adonis-session)/i

function forwardedCookies(header: string | undefined): string | undefined {
  if (!header) return undefined
  const kept = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !OWN_COOKIES.test(part.split('=')[0]))
  return kept.length ? kept.join('; ') : undefined
}

/**
 * Temporal UI behind the operator login (OPS-1): the operator host's
 * /temporal/* is relayed to TEMPORAL_UI_URL (Temporal UI started with
 * `--ui-public-path /temporal`), which listens on loopback or the compose
 * network only. Temporal UI has no login of its own; this route is its
 * door. Changes (terminate, signal) must come from this same origin.
 *
 * @spec OPS-1
 */
export default class TemporalController {
  async proxy({ request, response }: HttpContext) {
    const method = request.method()
    if (method !== 'GET' && method !== 'HEAD') {
      if (!sameOrigin(request.header('origin'), request.header('host'))) {
        return response.forbidden({
          code: 'E_CROSS_ORIGIN',
          message: 'Cross-origin request refused',
        })
      }
    }
    const upstream = new URL(temporalConfig.uiUrl)
    const path = request.url(true)
    const base = upstream.pathname.replace(/\/$/, '')
    // /temporal/... of this host is base/... upstream (the same path when base is /temporal).
    const target = new URL(`${base}${path.replace(/^\/temporal/, '')}` || '/', upstream.origin)

    const headers: IncomingHttpHeaders = {}
    for (const [name, value] of Object.entries(request.headers())) {
      if (!HOP_BY_HOP.has(name) && name !== 'cookie' && value !== undefined) headers[name] = value
    }
    const cookie = forwardedCookies(request.header('cookie'))
    if (cookie) headers.cookie = cookie
    headers['x-forwarded-host'] = request.header('host')
    headers['x-forwarded-proto'] = request.protocol()

    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const raw = response.response
    await new Promise<void>((resolve) => {
      const outgoing = send(target, { method, headers, timeout: 30_000 }, (incoming) => {
        const passed: Record<string, string | string[]> = {}
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) passed[name] = value
        }
        raw.writeHead(incoming.statusCode ?? 502, passed)
        pipeline(incoming, raw).then(resolve, resolve)
      })
      outgoing.on('timeout', () => outgoing.destroy(new Error('Temporal UI did not answer')))
      outgoing.on('error', () => {
        if (!raw.headersSent) {
          raw.writeHead(502, { 'content-type': 'application/json' })
          raw.end(JSON.stringify({ code: 'E_TEMPORAL_UI_UNREACHABLE' }))
        }
        resolve()
      })
      const body = request.raw()
      if (body && method !== 'GET' && method !== 'HEAD') outgoing.end(body)
      else outgoing.end()
    })
  }
}
