import { BaseTransformer } from '@adonisjs/core/transformers'
import type { GrantView } from '#actions/documents/document_rights'

/**
 * A line of a rights tab (DOC-7, DOC-10): who (a person or a customer's
 * group), their rights, and the category it was copied from, if any.
 *
 * @spec DOC-7 DOC-10
 */
export default class GrantTransformer extends BaseTransformer<GrantView> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'subjectType', 'name', 'detail', 'fromCategory']),
      rights: { ...this.resource.rights },
    }
  }
}
