import type { HttpContext } from '@adonisjs/core/http'
import Document from '#models/document'
import DocumentPolicy from '#policies/document_policy'
import { NotFoundException } from '#exceptions/not_found_exception'

/**
 * A document by id, for a user who may see it (others get the same 404 as
 * for a document that does not exist) and who has the wanted right on it
 * (403 otherwise). `bouncer` is the user's (a request's `ctx.bouncer`, or
 * `new Bouncer(user)` elsewhere).
 *
 * @spec DOC-3 DOC-7
 */
export async function findDocument(
  bouncer: HttpContext['bouncer'],
  id: unknown,
  ability: 'view' | 'update' | 'delete' | 'changeSecurity' | 'classify' = 'view'
): Promise<Document> {
  const document = await Document.find(Number(id) || 0)
  const policy = bouncer.with(DocumentPolicy)
  if (!document || !(await policy.allows('view', document))) throw new NotFoundException()
  if (ability === 'classify') await policy.authorize('classify')
  else if (ability !== 'view') await policy.authorize(ability, document)
  return document
}
