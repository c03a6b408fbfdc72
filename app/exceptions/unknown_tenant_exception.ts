import { Exception } from '@adonisjs/core/exceptions'

/**
 * No tenant answers on the request's host: 404, with a page that says so.
 */
export class UnknownTenantException extends Exception {
  static status = 404
  static code = 'E_UNKNOWN_TENANT'
  static message = 'No portal answers on this address'
}
