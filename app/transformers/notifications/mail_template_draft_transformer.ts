import { BaseTransformer } from '@adonisjs/core/transformers'
import type { MailTemplateDraft } from '#actions/notifications/mail_template_editor'
import { changeOf } from '#transformers/notifications/mail_template_transformer'

/**
 * The e-mail being edited (TEN-6): its text in one language (the tenant's
 * or the default), whether it is customised and by whom, and the variables
 * it may use with a sample of each.
 *
 * @spec TEN-6
 */
export default class MailTemplateDraftTransformer extends BaseTransformer<MailTemplateDraft> {
  toObject() {
    const draft = this.resource
    return {
      ...this.pick(draft, ['name', 'locale', 'label', 'language', 'subject', 'body']),
      customised: !!draft.own,
      ...changeOf(draft.own),
      variables: draft.variables.map((variable) => ({ ...variable })),
    }
  }
}
