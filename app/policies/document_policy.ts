import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Document from '#models/document'
import { documentRights, type Rights } from '#actions/documents/document_rights'

/** One computation per user and document instance, however many checks a request makes. */
const computed = new WeakMap<Document, { userId: number; rights: Promise<Rights> }>()

function rightsOf(user: User, document: Document): Promise<Rights> {
  const cached = computed.get(document)
  if (cached && cached.userId === user.id) return cached.rights
  const rights = documentRights.of(user, document)
  computed.set(document, { userId: user.id, rights })
  return rights
}

/**
 * DOC-7..DOC-10: what a user may do with a document. The rights come from
 * documentRights (staff: all; portal users: their customer numbers and the
 * document's grants).
 *
 * @spec DOC-7 DOC-9 DOC-10
 */
export default class DocumentPolicy extends BasePolicy {
  async view(user: User, document: Document): Promise<AuthorizerResponse> {
    const rights = await rightsOf(user, document)
    return rights.read
  }

  async update(user: User, document: Document): Promise<AuthorizerResponse> {
    const rights = await rightsOf(user, document)
    return rights.update
  }

  async delete(user: User, document: Document): Promise<AuthorizerResponse> {
    const rights = await rightsOf(user, document)
    return rights.delete
  }

  async changeSecurity(user: User, document: Document): Promise<AuthorizerResponse> {
    const rights = await rightsOf(user, document)
    return rights.changeSecurity
  }

  /** DOC-10: only staff put documents in categories. */
  classify(user: User): AuthorizerResponse {
    return user.isStaff
  }

  /** DOC-9: portal users upload to their own customer numbers (checked on the number). */
  upload(user: User): AuthorizerResponse {
    return !user.isStaff
  }
}
