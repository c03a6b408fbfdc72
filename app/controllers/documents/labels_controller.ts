import type { HttpContext } from '@adonisjs/core/http'
import { Labels } from '#actions/documents/labels'
import { applyLabelsValidator, labelValidator } from '#validators/documents'

/**
 * DOC-5: the user's labels, and putting them on a selection of documents.
 *
 * @spec DOC-5
 */
export default class LabelsController {
  async store({ request, response, auth, i18n, session }: HttpContext) {
    const input = await request.validateUsing(labelValidator)
    const label = await new Labels(auth.user!, i18n).save(input)
    session.flash('success', i18n.t('documents.labels.saved', { name: label.name }))
    return response.redirect().back()
  }

  async update({ params, request, response, auth, i18n, session }: HttpContext) {
    const input = await request.validateUsing(labelValidator)
    const label = await new Labels(auth.user!, i18n).save(input, Number(params.id))
    session.flash('success', i18n.t('documents.labels.saved', { name: label.name }))
    return response.redirect().back()
  }

  async destroy({ params, response, auth, i18n }: HttpContext) {
    await new Labels(auth.user!, i18n).remove(Number(params.id))
    return response.redirect().back()
  }

  async apply({ request, response, auth, i18n, session }: HttpContext) {
    const { documentIds, labelIds, action } = await request.validateUsing(applyLabelsValidator)
    const count = await new Labels(auth.user!, i18n).apply(documentIds, labelIds, action)
    session.flash(
      'success',
      i18n.t(`documents.labels.${action === 'add' ? 'added' : 'removed'}`, { count })
    )
    return response.redirect().back()
  }
}
