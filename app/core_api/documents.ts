/**
 * Documents as a plugin reads them (DOC-2, DOC-3, DOC-7): the documents a
 * user may read as a query builder, one document for a user with a right on
 * it, and the shapes the core's pages use for a list row and a detail page.
 * Publishing is `coreServices(id).documents.publish` (#core/services), the
 * same path the publishing API takes.
 *
 *   const documents = await DocumentQuery.for(user)
 *   const invoices = await documents.readable().where('type', 'invoice').limit(5)
 *
 * @spec DOC-2 DOC-3 DOC-7
 */
export { DocumentQuery } from '#queries/documents/document_query'
export { findDocument } from '#actions/documents/find_document'
export { default as DocumentRowTransformer } from '#transformers/documents/document_row_transformer'
export { default as DocumentDetailTransformer } from '#transformers/documents/document_detail_transformer'
export { documentDetail } from '#queries/documents/document_detail'
export type { default as Document } from '#models/document'
export type { PublishInput } from '#actions/documents/publish_document'
