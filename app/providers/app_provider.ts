import type { ApplicationService } from '@adonisjs/core/types'
import { HttpContext } from '@adonisjs/core/http'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import type { ShieldConfig } from '@adonisjs/shield/types'
import { PluginManifestError, PluginRegistry } from '#plugins/registry'
import { registerPluginMailTemplates } from '#mails/templates'

/**
 * Wires the core's own services into the container.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * Shield registers its middleware as a per-request binding: every request
   * would rebuild its guards from the config, and with Edge it shares the
   * CSRF helpers into a view renderer created for every request, JSON or
   * not. The guards hold no request state, so one instance serves every
   * request; pages get the CSRF token from the XSRF-TOKEN cookie (Inertia),
   * not from Edge.
   */
  register() {
    this.app.container.singleton(ShieldMiddleware, async () => {
      const config = this.app.config.get<ShieldConfig>('shield', {})
      const encryptionManager = await this.app.container.make('encryption')
      const encryption = encryptionManager.use()
      return new ShieldMiddleware(config, encryption)
    })
  }

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
    registerPluginMailTemplates(registry.all())

    /**
     * The page data of a full page load, escaped so that no user text can
     * end or open a tag (app/services/page_data.ts). Edge runs its plugins
     * in order before the first render: this one after Inertia's, whose
     * global it replaces.
     */
    const { default: edge } = await import('edge.js')
    const { inertiaRootTag } = await import('#services/page_data')
    edge.use((instance) => {
      instance.global('inertia', inertiaRootTag)
      /** The answer's CSP nonce (#middleware/security_headers_middleware) for the layout's scripts. */
      instance.global('cspNonce', () => HttpContext.get()?.response.nonce ?? '')
    })
  }

  /**
   * Queues the process used (a web request that sent a mail, a command) keep
   * Redis connections open: closed here, so the process ends on SIGTERM
   * instead of waiting to be killed.
   */
  async shutdown() {
    const { closeQueues } = await import('#jobs/queues')
    await closeQueues()
  }
}
