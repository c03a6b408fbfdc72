import type Document from '#models/document'
import DocumentEvent from '#models/document_event'
import User from '#models/user'

/** Who did something, by user id: their name, else their e-mail address. */
export type PeopleNames = Map<number, string>

/**
 * DOC-3: what the document page shows besides the document itself: its
 * customer number, category and files, the last 100 things done with it
 * (publication excluded), and the names of the people in that history and
 * of who created and last changed it, read in one query.
 *
 * @spec DOC-3
 */
export async function documentDetail(document: Document) {
  await document.load((loader) => loader.load('customerNumber').load('category').load('files'))
  const history = await DocumentEvent.query()
    .where('document_id', document.id)
    .whereNot('action', 'published')
    .orderBy('id', 'desc')
    .limit(100)
  const ids = new Set(
    [...history.map((event) => event.userId), document.createdById, document.updatedById].filter(
      (id): id is number => !!id
    )
  )
  const people = ids.size
    ? await User.query()
        .whereIn('id', [...ids])
        .select('id', 'email', 'first_name', 'last_name')
    : []
  const names: PeopleNames = new Map(people.map((user) => [user.id, user.fullName ?? user.email]))
  return { document, history, names }
}
