import { ApiRequest } from '@japa/api-client'
import env from '#start/env'

/**
 * The Host header of a tenant's portal in the test server
 * (`<slug>.localhost:<port>`).
 */
export function tenantHost(slug: string): string {
  return `${slug}.${env.get('TENANT_BASE_DOMAIN')}:${env.get('PORT')}`
}

/**
 * Absolute URL of a page on a tenant's host (for the browser).
 */
export function tenantUrl(slug: string, path = '/'): string {
  return `http://${tenantHost(slug)}${path}`
}

ApiRequest.macro('forTenant', function (this: ApiRequest, slug: string) {
  return this.header('Host', tenantHost(slug))
})

declare module '@japa/api-client' {
  interface ApiRequest {
    /** Sends the request to a tenant's host. */
    forTenant(slug: string): this
  }
}

/**
 * The validation errors a form post flashed, by field.
 */
export function fieldErrors(response: {
  flashMessages(): Record<string, any>
}): Record<string, string[]> {
  return (response.flashMessages().inputErrorsBag ?? {}) as Record<string, string[]>
}
