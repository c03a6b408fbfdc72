import type { SchemaRules } from '@adonisjs/lucid/types/schema_generator'

/**
 * Narrows generated column types where the database only knows "string",
 * and keeps secrets out of serialization.
 */
export default {
  columns: {
    /** Booleans come back from SQLite as 0/1; the schema class says boolean. */
    enabled: { decorator: '@column({ consume: (value) => Boolean(value) })', tsType: 'boolean' },
  },
  tables: {
    users: {
      columns: {
        role: { decorator: '@column()', tsType: `'admin' | 'staff' | 'customer'` },
        status: { decorator: '@column()', tsType: `'invited' | 'active' | 'blocked'` },
        locale: { decorator: '@column()', tsType: `'en' | 'nl' | 'fr' | null` },
        password: { decorator: '@column({ serializeAs: null })', tsType: 'string | null' },
      },
    },
    invitations: {
      columns: {
        status: { decorator: '@column()', tsType: `'pending' | 'accepted' | 'expired' | 'voided'` },
        token_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string | null' },
      },
    },
    password_reset_tokens: {
      columns: {
        token_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
    tenants: {
      columns: {
        default_locale: { decorator: '@column()', tsType: `'en' | 'nl' | 'fr'` },
      },
    },
    mail_deliveries: {
      columns: {
        status: { decorator: '@column()', tsType: `'queued' | 'sent' | 'failed'` },
        payload: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
  },
} satisfies SchemaRules
