/**
 * Requests to the application as a browser sends them, shared by the
 * benchmarks (bench/documents-list, bench/ingest): the login form with its CSRF cookie, then the
 * documents list as the Inertia JSON the page fetches when one filters,
 * sorts or pages.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/**
 * A request to the application. Not fetch(): it drops the Host header, and
 * the Host header names the tenant.
 */
export function send(
  port: number,
  path: string,
  headers: Record<string, string>,
  options: { method?: string; body?: string } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

class CookieJar {
  #cookies = new Map<string, string>()
  take(response: Answer) {
    for (const cookie of response.headers['set-cookie'] ?? []) {
      const pair = cookie.split(';')[0]
      const at = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  get(name: string) {
    return this.#cookies.get(name)
  }
  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** Logs in through the login form (CSRF token from the XSRF-TOKEN cookie); returns the Cookie header. */
export async function login(
  port: number,
  host: string,
  email: string,
  password: string
): Promise<string> {
  const jar = new CookieJar()
  const form = await send(port, '/login', { host })
  if (form.status !== 200) throw new Error(`GET /login answered ${form.status}`)
  jar.take(form)
  const posted = await send(
    port,
    '/login',
    {
      'host': host,
      'cookie': jar.header(),
      'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '',
      'content-type': 'application/x-www-form-urlencoded',
    },
    { method: 'POST', body: new URLSearchParams({ email, password }).toString() }
  )
  const location = String(posted.headers.location ?? '')
  if (posted.status !== 302 || location.includes('/login')) {
    throw new Error(`login of ${email} failed: ${posted.status} to ${location}`)
  }
  jar.take(posted)
  return jar.header()
}

/** The Inertia asset version, read from the page object of a full HTML visit. */
export async function inertiaVersion(port: number, host: string, cookie: string): Promise<string> {
  const { status, text: html } = await send(port, '/documents', { host, cookie })
  if (status !== 200) throw new Error(`GET /documents answered ${status}: ${html.slice(0, 500)}`)
  const script = /<script[^>]*data-page[^>]*>([\s\S]*?)<\/script>/.exec(html)
  const attribute = /<div[^>]*data-page="([^"]*)"/.exec(html)
  const json = script
    ? script[1]
    : attribute?.[1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
  if (!json) throw new Error('no Inertia page object in the HTML of /documents')
  return String(JSON.parse(json).version ?? '')
}

/** The headers of the list's Inertia request (what the page sends on a filter or a page change). */
export function inertiaHeaders(host: string, cookie: string, version: string) {
  return {
    'host': host,
    'cookie': cookie,
    'x-inertia': 'true',
    'x-inertia-version': version,
    'x-requested-with': 'XMLHttpRequest',
    'accept': 'text/html, application/xhtml+xml',
  }
}
