import type { ApplicationService } from '@adonisjs/core/types'
import { PluginManifestError, PluginRegistry } from '#plugins/registry'

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
    let registry: PluginRegistry
    try {
      registry = PluginRegistry.load()
    } catch (error) {
      if (!(error instanceof PluginManifestError)) throw error
      // A configuration error, not a bug: say what to fix, no stack trace, exit non-zero
      // whatever runs this process (the HTTP server, the worker, an ace command).
      process.stderr.write(`\nThe platform cannot start: ${error.message}\n\n`)
      process.exit(1)
    }
    this.app.container.singleton(PluginRegistry, () => registry)
  }
}
