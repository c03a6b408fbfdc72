import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins/registry'

type Role = 'admin' | 'staff' | 'customer'

let grants: Map<Role, Set<string>> | undefined

/**
 * The plugin permissions each core role holds: the defaults the manifests
 * give (`permissions[].roles`). Built once from the registry.
 */
export async function permissionsOf(role: Role): Promise<Set<string>> {
  if (!grants) {
    const registry = await app.container.make(PluginRegistry)
    const built = new Map<Role, Set<string>>([
      ['admin', new Set()],
      ['staff', new Set()],
      ['customer', new Set()],
    ])
    for (const plugin of registry.all()) {
      for (const permission of plugin.manifest.permissions ?? []) {
        for (const holder of permission.roles ?? []) built.get(holder)!.add(permission.id)
      }
    }
    grants = built
  }
  return grants.get(role) ?? new Set()
}
