import { Exception } from '@adonisjs/core/exceptions'

/**
 * A record the user may not know of: answered like a page that does not
 * exist, so nobody learns whether it is there.
 */
export class NotFoundException extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
  static message = 'Page not found'
}
