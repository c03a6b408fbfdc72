import { Exception } from '@adonisjs/core/exceptions'

/**
 * A plugin route on a tenant that has not enabled the plugin: as if the route
 * did not exist.
 */
export class PluginDisabledException extends Exception {
  static status = 404
  static code = 'E_ROUTE_NOT_FOUND'
  static message = 'Page not found'
}
