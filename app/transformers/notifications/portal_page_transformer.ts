import { BaseTransformer } from '@adonisjs/core/transformers'
import type { PORTAL_PAGES } from '#services/portal_pages'

/**
 * A portal page a tenant admin can put messages on (TEN-5): its Inertia
 * page name and the key of its label (`portal_messages.pages.<key>`).
 *
 * @spec TEN-5
 */
export default class PortalPageTransformer extends BaseTransformer<(typeof PORTAL_PAGES)[number]> {
  toObject() {
    return this.pick(this.resource, ['component', 'key'])
  }
}
