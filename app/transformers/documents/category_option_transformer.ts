import { BaseTransformer } from '@adonisjs/core/transformers'

/**
 * A category in a filter or a picker (DOC-8): its id and name.
 *
 * @spec DOC-8
 */
export default class CategoryOptionTransformer extends BaseTransformer<{
  id: number
  name: string
}> {
  toObject() {
    return this.pick(this.resource, ['id', 'name'])
  }
}
