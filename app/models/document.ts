import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { DocumentSchema } from '#database/schema'
import CustomerNumber from '#models/customer_number'
import Category from '#models/category'
import DocumentFile from '#models/document_file'
import { withTenantScope } from '#tenancy/with_tenant_scope'

export type DocumentType = 'invoice' | 'credit_note' | 'other'
export const DOCUMENT_TYPES: DocumentType[] = ['invoice', 'credit_note', 'other']

/**
 * A document published to a customer number (DOC-1): its key figures here,
 * its files (PDF, optional UBL XML) in document_files.
 *
 * @spec DOC-1
 */
export default class Document extends compose(DocumentSchema, withTenantScope) {
  @belongsTo(() => CustomerNumber)
  declare customerNumber: BelongsTo<typeof CustomerNumber>

  @belongsTo(() => Category)
  declare category: BelongsTo<typeof Category>

  @hasMany(() => DocumentFile)
  declare files: HasMany<typeof DocumentFile>
}
