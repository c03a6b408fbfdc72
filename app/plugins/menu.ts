/** @spec TEN-2 */
import app from '@adonisjs/core/services/app'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry } from '#plugins/registry'
import { tenantContext } from '#tenancy/tenant_context'
import type User from '#models/user'

export type PluginMenuEntry = {
  id: string
  label: string
  href: string
  area: 'portal' | 'admin'
}

const TTL_MS = 10_000
const enabledCache = new Map<number, { ids: Set<string>; expiresAt: number }>()

/**
 * The ids of the plugins a tenant enabled, kept a few seconds in the process
 * (every page asks for its menu). Enabling or disabling on this process
 * forgets them at once; other replicas follow within the TTL, while the
 * routes themselves are closed at once everywhere by the plugin middleware.
 */
export async function enabledIds(tenantId: number): Promise<Set<string>> {
  const cached = enabledCache.get(tenantId)
  if (cached && cached.expiresAt > Date.now()) return cached.ids
  const rows = await tenantContext.run(tenantId, () =>
    TenantPlugin.query().where('enabled', true).select('plugin_id')
  )
  const ids = new Set(rows.map((row) => row.pluginId))
  enabledCache.set(tenantId, { ids, expiresAt: Date.now() + TTL_MS })
  return ids
}

export function forgetEnabledPlugins(tenantId: number) {
  enabledCache.delete(tenantId)
}

/**
 * TEN-2: the menu entries of the plugins the tenant enabled, for this user's
 * role, in their language. A disabled plugin's entries are simply absent.
 */
export async function pluginMenu(
  tenantId: number,
  user: User,
  locale: 'en' | 'nl' | 'fr'
): Promise<PluginMenuEntry[]> {
  const registry = await app.container.make(PluginRegistry)
  const enabled = await enabledIds(tenantId)
  const entries: PluginMenuEntry[] = []
  for (const plugin of registry.all()) {
    if (!enabled.has(plugin.id)) continue
    for (const item of plugin.manifest.menu ?? []) {
      if (item.roles && !item.roles.includes(user.role)) continue
      entries.push({
        id: `${plugin.id}.${item.id}`,
        label: item.label[locale] ?? item.label.en,
        href: `/${plugin.id}${item.path.startsWith('/') ? item.path : `/${item.path}`}`,
        area: item.area,
      })
    }
  }
  return entries
}
