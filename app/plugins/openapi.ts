import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { PluginRegistry } from '#plugins/registry'

type Operation = Record<string, unknown>
type Fragment = {
  paths?: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, unknown> }
}

const fragments = new Map<string, Fragment>()

function fragmentOf(folder: string, file: string | undefined): Fragment {
  if (!file) return {}
  const path = join(folder, file)
  let fragment = fragments.get(path)
  if (!fragment) {
    fragment = JSON.parse(readFileSync(path, 'utf8')) as Fragment
    fragments.set(path, fragment)
  }
  return fragment
}

/**
 * The API routes of the given plugins as OpenAPI paths (relative to
 * /api/v1): every route the plugin registered under /api/v1/<id>, described
 * by the plugin's `entry.openapi` fragment where it has an operation for it,
 * else by its method, path and route name. Schemas of a fragment are
 * prefixed with the plugin id (`<id>.<Schema>`), so `$ref`s in a fragment
 * name them `#/components/schemas/<id>.<Schema>`.
 */
export async function pluginApiPaths(pluginIds: string[]) {
  const registry = await app.container.make(PluginRegistry)
  const paths: Record<string, Record<string, Operation>> = {}
  const schemas: Record<string, unknown> = {}
  const routes = Object.values(router.toJSON()).flat()
  for (const id of pluginIds) {
    const plugin = registry.get(id)
    if (!plugin) continue
    const fragment = fragmentOf(plugin.folder, plugin.manifest.entry?.openapi)
    for (const [name, schema] of Object.entries(fragment.components?.schemas ?? {})) {
      schemas[`${id}.${name}`] = schema
    }
    const prefix = `/api/v1/${id}/`
    for (const route of routes) {
      if (!route.pattern.startsWith(prefix)) continue
      const local = route.pattern.slice(prefix.length - 1).replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      const parameters = [...local.matchAll(/\{([^}]+)\}/g)].map(([, param]) => ({
        name: param,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }))
      for (const method of route.methods.filter((verb) => verb !== 'HEAD')) {
        const verb = method.toLowerCase()
        const described = fragment.paths?.[local]?.[verb]
        paths[`/${id}${local}`] ??= {}
        paths[`/${id}${local}`][verb] = {
          tags: [id],
          operationId: route.name,
          ...(parameters.length ? { parameters } : {}),
          ...(described ?? {
            summary: route.name,
            responses: {
              '200': { description: 'OK' },
              '401': { description: 'No or unknown token for this tenant' },
            },
          }),
        }
      }
    }
  }
  return { paths, schemas }
}
