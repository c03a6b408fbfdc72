import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Document from '#models/document'
import { customerAccess } from '#actions/accounts/customer_access'

/**
 * Who may see a document: the tenant's staff, and portal users who reach
 * its customer number (as main contact or through sharing). Per-document
 * and per-category rights (DOC-7, DOC-8) will narrow this here.
 */
export default class DocumentPolicy extends BasePolicy {
  async view(user: User, document: Document): Promise<AuthorizerResponse> {
    if (user.isStaff) return true
    return customerAccess.reaches(user, document.customerNumberId)
  }
}
