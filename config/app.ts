import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The public URL of the platform (protocol and port are reused when a tenant's
 * own host is turned into an absolute URL, e.g. for links in e-mails).
 */
export const appUrl = env.get('APP_URL')

/**
 * The application key, for keyed hashes of short secrets (e-mail codes) that
 * must not be guessable from a stolen database alone.
 */
export const appKey = env.get('APP_KEY')

/**
 * HTTP server settings.
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,

  /**
   * Lets the logger and the tenant context reach the current request from
   * anywhere (activities and jobs run outside a request and pass context
   * explicitly).
   */
  useAsyncLocalStorage: true,

  /**
   * Proxies in front of the app (load balancers) are trusted for the client IP
   * only when they sit on a private network.
   */
  trustProxy: (address: string) =>
    address === '127.0.0.1' ||
    address === '::1' ||
    address.startsWith('10.') ||
    address.startsWith('192.168.') ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(address),

  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
