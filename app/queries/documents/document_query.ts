import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Document from '#models/document'
import type User from '#models/user'
import { customerAccess } from '#actions/accounts/customer_access'
import { grantsOf } from '#actions/documents/document_rights'

type DocumentsQuery = ModelQueryBuilderContract<typeof Document, any>

/**
 * The documents a user may read, as a query builder: the one answer to
 * "which documents does this user see" for the list, ZIP downloads, labels
 * and plugins (through `#core/documents`).
 *
 * Staff read every document of the tenant. A portal user reads a document
 * open to its customer number when they reach that number (ACC-2), and the
 * documents a grant gives them or their customer's group (DOC-7). Most
 * portal users have no grant of their own: for them it is a plain filter on
 * their customer numbers, which is why preparing the query asks the
 * database once (`await DocumentQuery.for(user)`); the builders it returns
 * are then synchronous and can be used several times.
 *
 *   const documents = await DocumentQuery.for(user)
 *   const rows = await documents.readable().where('type', 'invoice')
 *
 * @spec DOC-2 DOC-7 ACC-2
 */
export class DocumentQuery {
  private constructor(
    private readonly user: User,
    private readonly hasGrants: boolean,
    private readonly numberIds: number[] | null
  ) {}

  /**
   * Prepares the user's reading rule. `numberIds`: the user's customer
   * numbers when the caller already has them (the planner estimates a list
   * better than a subquery), or a subset of them to narrow the rule to.
   */
  static async for(user: User, numberIds: number[] | null = null): Promise<DocumentQuery> {
    const granted = user.isStaff
      ? null
      : await grantsOf(user).where('can_read', true).select('id').first()
    return new DocumentQuery(user, !!granted, numberIds)
  }

  /** The documents the user may read (a Lucid query builder, in the tenant's scope). */
  readable(): DocumentsQuery {
    const query = Document.query()
    this.apply(query)
    return query
  }

  /**
   * Narrows any documents query, in place, to what the user may read
   * (for queries built another way: plain rows, joins).
   */
  apply(query: DocumentsQuery): void {
    if (this.user.isStaff) return
    const byNumber = (q: DocumentsQuery) => {
      void q.where('documents.audience', 'customer_number')
      if (this.numberIds) void q.whereIn('documents.customer_number_id', this.numberIds)
      else void q.whereIn('documents.customer_number_id', customerAccess.visibleIdsQuery(this.user))
    }
    if (!this.hasGrants) return byNumber(query)
    void query.where((either) =>
      either
        .where((q) => byNumber(q))
        .orWhereIn(
          'documents.id',
          grantsOf(this.user).where('can_read', true).select('document_id')
        )
    )
  }

  /** Of these document ids, the ones the user may read. */
  async readableIds(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return []
    const rows = await this.readable().whereIn('documents.id', ids).select('documents.id')
    return rows.map((row) => row.id)
  }
}
