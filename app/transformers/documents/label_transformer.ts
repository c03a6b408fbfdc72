import { BaseTransformer } from '@adonisjs/core/transformers'

/**
 * One of a user's own labels (DOC-5): its name and colour.
 *
 * @spec DOC-5
 */
export default class LabelTransformer extends BaseTransformer<{
  id: number
  name: string
  color: string
}> {
  toObject() {
    return this.pick(this.resource, ['id', 'name', 'color'])
  }
}
