/** @spec TEN-2 */
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { PluginManifestError, PluginRegistry, type LoadedPlugin } from '#plugins/registry'
import { importEntry } from '#plugins/paths'
import { middleware } from '#start/kernel'

/** Where a plugin's routes live and who may enter them. */
export type RouteArea = 'public' | 'portal' | 'admin' | 'api'

/**
 * What a plugin's routes module receives: the router, the core's named
 * middleware, and one function per area. Routes are named `<id>.<name>`
 * (`<id>.admin.<name>`, `<id>.api.<name>` in those areas).
 *
 * - `publicRoutes`: `/<id>/…`, for visitors too (a start page, a form).
 * - `portalRoutes`: `/<id>/…`, logged-in users of the tenant.
 * - `adminRoutes`: `/admin/<id>/…`, the tenant's staff and admins.
 * - `apiRoutes`: `/api/v1/<id>/…`, bearer tokens of the tenant's API
 *   clients (`ctx.apiClient`), JSON, no CSRF; listed in the OpenAPI document.
 * - `can(permission)`: a middleware refusing (403) users whose role does not
 *   hold one of the plugin's manifest permissions.
 *
 * Every area is closed (404) to tenants that did not enable the plugin.
 */
export interface PluginRoutesContext {
  router: typeof router
  middleware: typeof middleware
  plugin: Pick<LoadedPlugin, 'id' | 'folder'>
  publicRoutes(define: () => void): void
  portalRoutes(define: () => void): void
  adminRoutes(define: () => void): void
  apiRoutes(define: () => void): void
  can(permission: string): ReturnType<typeof middleware.permission>
}

/**
 * The default export of a plugin's `entry.routes` module. Defines its routes
 * synchronously (import what it needs at the top of the module).
 */
export type PluginRoutes = (context: PluginRoutesContext) => void

/**
 * Imports every installed plugin's routes module (before the route table is
 * built, since route groups are defined synchronously).
 */
export async function loadPluginRoutes() {
  const registry = await app.container.make(PluginRegistry)
  const loaded: { plugin: LoadedPlugin; define: PluginRoutes }[] = []
  for (const plugin of registry.all()) {
    const entry = plugin.manifest.entry?.routes
    if (!entry) continue
    loaded.push({ plugin, define: await importEntry<PluginRoutes>(plugin.folder, entry) })
  }
  return loaded
}

const AREAS: Record<RouteArea, { prefix: (id: string) => string; name: (id: string) => string }> = {
  public: { prefix: (id) => `/${id}`, name: (id) => id },
  portal: { prefix: (id) => `/${id}`, name: (id) => id },
  admin: { prefix: (id) => `/admin/${id}`, name: (id) => `${id}.admin` },
  api: { prefix: (id) => `/api/v1/${id}`, name: (id) => `${id}.api` },
}

function areaMiddleware(area: RouteArea) {
  switch (area) {
    case 'public':
      return []
    case 'portal':
      return [middleware.auth()]
    case 'admin':
      return [middleware.auth(), middleware.can({ ability: 'accessAdminArea' })]
    case 'api':
      return [middleware.apiAuth()]
  }
}

/**
 * Registers each plugin's routes in their areas, behind the check that the
 * request's tenant enabled the plugin (404 otherwise). Called inside the
 * tenant route group.
 */
export function registerPluginRoutes(loaded: Awaited<ReturnType<typeof loadPluginRoutes>>) {
  for (const { plugin, define } of loaded) {
    const declared = new Set((plugin.manifest.permissions ?? []).map((entry) => entry.id))
    const areas: { area: RouteArea; define: () => void }[] = []
    const context: PluginRoutesContext = {
      router,
      middleware,
      plugin: { id: plugin.id, folder: plugin.folder },
      publicRoutes: (inner) => areas.push({ area: 'public', define: inner }),
      portalRoutes: (inner) => areas.push({ area: 'portal', define: inner }),
      adminRoutes: (inner) => areas.push({ area: 'admin', define: inner }),
      apiRoutes: (inner) => areas.push({ area: 'api', define: inner }),
      can(permission) {
        if (!declared.has(permission)) {
          throw new PluginManifestError(
            plugin.folder,
            'permissions',
            `does not declare "${permission}", which its routes check`
          )
        }
        return middleware.permission({ permission })
      },
    }
    // Routes defined outside an area are public ones under /<id>.
    areas.push({ area: 'public', define: () => define(context) })
    while (areas.length) {
      const { area, define: inner } = areas.shift()!
      router
        .group(inner)
        .prefix(AREAS[area].prefix(plugin.id))
        .as(AREAS[area].name(plugin.id))
        .use([middleware.plugin({ id: plugin.id }), ...areaMiddleware(area)])
    }
  }
}
