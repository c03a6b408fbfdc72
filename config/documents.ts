/**
 * Rules for stored documents (DOC-1). Content types are checked from the
 * bytes, never from the file name or the declared type.
 *
 * @spec DOC-1 DOC-2 DOC-4 DOC-9
 */
const documentsConfig = {
  /** DOC-1: documents are kept this many years after their issue date. */
  retentionYears: 7,
  /** A named publication batch closes itself after this many minutes without a publication. */
  batchIdleMinutes: 30,
  /** At most this many documents are listed in one notification e-mail (the rest: a link). */
  notificationListLimit: 50,
  /**
   * DOC-2 on PostgreSQL: a number-prefix filter first takes up to this many
   * matches by the number index and cuts the page from them; past it the
   * list walks the sort's index (app/actions/documents/document_list.ts).
   */
  listPrefixProbe: 20_000,
  /** Largest file accepted, per file. */
  maxFileBytes: 25 * 1024 * 1024,
  /** What each kind of file may be, by detected MIME type. */
  allowedTypes: {
    pdf: ['application/pdf'],
    ubl: ['application/xml'],
    attachment: [
      'application/pdf',
      'application/xml',
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
  },
}

/**
 * DOC-9: what customers may upload, by group; a tenant allows some groups
 * (`tenants.upload_types`, e.g. "pdf,image").
 */
export const uploadGroups: Record<string, string[]> = {
  pdf: ['application/pdf'],
  image: ['image/png', 'image/jpeg'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  xml: ['application/xml'],
}

export default documentsConfig
export type DocumentFileKind = keyof typeof documentsConfig.allowedTypes
