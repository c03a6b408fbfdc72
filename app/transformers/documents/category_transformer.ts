import { BaseTransformer } from '@adonisjs/core/transformers'
import type Category from '#models/category'
import type { GrantView } from '#actions/documents/document_rights'
import GrantTransformer from '#transformers/documents/grant_transformer'

/** Per category id: how many documents it holds and the rights it hands on. */
export interface CategoryDetails {
  documents: ReadonlyMap<number, number>
  grants: ReadonlyMap<number, GrantView[]>
}

/**
 * A category on the staff's categories page (DOC-8, DOC-10): how many
 * documents are in it and the rights it gives the documents put in it.
 *
 * @spec DOC-8 DOC-10
 */
export default class CategoryTransformer extends BaseTransformer<Category> {
  constructor(
    category: Category,
    protected details: CategoryDetails
  ) {
    super(category)
  }

  toObject() {
    const category = this.resource
    return {
      ...this.pick(category, ['id', 'name']),
      documents: this.details.documents.get(category.id) ?? 0,
      grants: GrantTransformer.transform(this.details.grants.get(category.id) ?? []),
    }
  }
}
