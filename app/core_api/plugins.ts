/**
 * The plugin contract: what a plugin's entry modules receive and return.
 * Plugins import the core only through `#core/*` (see docs/plugins.md); this
 * module is the part about being a plugin.
 */
export type { PluginRoutes, PluginRoutesContext, RouteArea } from '#plugins/routes'
export { PluginService } from '#plugins/plugin_service'
export { PluginManifestError } from '#plugins/registry'
export type { LoadedPlugin, PluginManifest, SlotName } from '#plugins/registry'
export type {
  DemoCustomer,
  DemoLogin,
  DemoTenant,
  PluginPurge,
  PluginPurgeContext,
  PluginSeedContext,
  PluginSeeder,
} from '#plugins/data'
export type { SlotContext, SlotPanel, SlotProps } from '#plugins/slots'
export { PluginSecretStore, type SecretVersion } from '#plugins/secrets'
