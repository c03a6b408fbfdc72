import type { ApplicationService } from '@adonisjs/core/types'
import { PluginRegistry } from '#plugins/registry'

/**
 * Wires the core's own services into the container.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * Plugins are discovered and validated while the app boots: an invalid
   * manifest stops the process with a message naming the plugin and field.
   */
  async boot() {
    const registry = PluginRegistry.load()
    this.app.container.singleton(PluginRegistry, () => registry)
  }
}
