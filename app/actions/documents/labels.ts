import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import Label from '#models/label'
import type User from '#models/user'
import { fieldError } from '#exceptions/user_facing_exception'
import { DocumentQuery } from '#queries/documents/document_query'

export const MAX_LABELS_PER_DOCUMENT = 4

/**
 * DOC-5: labels are private to their user; 1 to 4 per document; added to
 * or removed from a selection of documents at once.
 *
 * @spec DOC-5
 */
export class Labels {
  constructor(
    protected user: User,
    protected i18n: I18n
  ) {}

  list() {
    return Label.query().where('user_id', this.user.id).orderBy('name')
  }

  async save(input: { name: string; color: string }, id?: number): Promise<Label> {
    const clash = await Label.query()
      .where('user_id', this.user.id)
      .whereRaw('lower(name) = ?', [input.name.toLowerCase()])
      .if(id, (query) => query.whereNot('id', id!))
      .first()
    if (clash)
      throw fieldError('name', this.i18n.t('documents.labels.exists', { name: input.name }))
    if (id) {
      const label = await this.find(id)
      label.merge(input)
      await label.save()
      return label
    }
    return Label.create({ userId: this.user.id, ...input })
  }

  async remove(id: number): Promise<void> {
    const label = await this.find(id)
    await label.delete()
  }

  async find(id: number): Promise<Label> {
    const label = await Label.query().where('user_id', this.user.id).where('id', id).first()
    if (!label) throw fieldError('labelIds', this.i18n.t('documents.labels.unknown'))
    return label
  }

  /**
   * Puts labels on (or takes them off) documents the user may see. Adding
   * is refused as a whole when a document would end up with more than four.
   */
  async apply(
    documentIds: number[],
    labelIds: number[],
    action: 'add' | 'remove'
  ): Promise<number> {
    const labels = await Label.query().where('user_id', this.user.id).whereIn('id', labelIds)
    if (labels.length !== new Set(labelIds).size) {
      throw fieldError('labelIds', this.i18n.t('documents.labels.unknown'))
    }
    const reader = await DocumentQuery.for(this.user)
    const documents = await reader
      .readable()
      .whereIn('documents.id', documentIds)
      .select('id', 'number', 'title')
    if (documents.length !== new Set(documentIds).size) {
      throw fieldError('documentIds', this.i18n.t('documents.labels.unknown_document'))
    }
    const ids = documents.map((document) => document.id)

    return db.transaction(async (trx) => {
      if (action === 'remove') {
        await trx
          .from('document_labels')
          .where('user_id', this.user.id)
          .whereIn('document_id', ids)
          .whereIn('label_id', labelIds)
          .delete()
        return ids.length
      }
      const existing = await trx
        .from('document_labels')
        .where('user_id', this.user.id)
        .whereIn('document_id', ids)
        .select('document_id', 'label_id')
      for (const document of documents) {
        const current = new Set(
          existing
            .filter((row) => Number(row.document_id) === document.id)
            .map((row) => row.label_id)
        )
        labelIds.forEach((id) => current.add(id))
        if (current.size > MAX_LABELS_PER_DOCUMENT) {
          throw fieldError(
            'labelIds',
            this.i18n.t('documents.labels.too_many', {
              document: document.number ?? document.title,
              max: MAX_LABELS_PER_DOCUMENT,
            })
          )
        }
      }
      const rows = documents.flatMap((document) =>
        labelIds
          .filter(
            (id) =>
              !existing.some(
                (row) => Number(row.document_id) === document.id && row.label_id === id
              )
          )
          .map((id) => ({
            document_id: document.id,
            label_id: id,
            user_id: this.user.id,
            tenant_id: this.user.tenantId,
          }))
      )
      if (rows.length) await trx.table('document_labels').multiInsert(rows)
      return ids.length
    })
  }
}
