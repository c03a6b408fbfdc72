import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { PluginRegistry, type LoadedPlugin } from '#plugins/registry'
import { moduleFile } from '#plugins/paths'
import { middleware } from '#start/kernel'

/**
 * What a plugin's routes module receives: the router and the core's named
 * middleware (auth, can...), nothing else of the core.
 */
export interface PluginRoutesContext {
  router: typeof router
  middleware: typeof middleware
  plugin: Pick<LoadedPlugin, 'id' | 'folder'>
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
    const mod = await import(pathToFileURL(moduleFile(join(plugin.folder, entry))).href)
    loaded.push({ plugin, define: mod.default as PluginRoutes })
  }
  return loaded
}

/**
 * Registers each plugin's routes under `/<plugin id>`, named
 * `<plugin id>.<name>`, behind the check that the request's tenant enabled
 * the plugin (404 otherwise). Called inside the tenant route group.
 */
export function registerPluginRoutes(loaded: Awaited<ReturnType<typeof loadPluginRoutes>>) {
  for (const { plugin, define } of loaded) {
    router
      .group(() => define({ router, middleware, plugin: { id: plugin.id, folder: plugin.folder } }))
      .prefix(`/${plugin.id}`)
      .as(plugin.id)
      .use(middleware.plugin({ id: plugin.id }))
  }
}
