import { BaseTransformer } from '@adonisjs/core/transformers'
import type DocumentEvent from '#models/document_event'
import type { PeopleNames } from '#queries/documents/document_detail'

/**
 * A line of a document's history (DOC-3): viewed, downloaded, by whom, when.
 *
 * @spec DOC-3
 */
export default class DocumentEventTransformer extends BaseTransformer<DocumentEvent> {
  constructor(
    event: DocumentEvent,
    protected names: PeopleNames
  ) {
    super(event)
  }

  toObject() {
    const event = this.resource
    return {
      id: event.id,
      action: event.action,
      at: event.createdAt.toISO(),
      who: event.userId ? (this.names.get(event.userId) ?? null) : null,
    }
  }
}
