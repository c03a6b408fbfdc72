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
        totp_secret: { decorator: '@column({ serializeAs: null })', tsType: 'string | null' },
        /** bigint: SQLite and pg both return it as a number for 30-second steps. */
        totp_last_step: {
          decorator:
            '@column({ serializeAs: null, consume: (value) => (value === null ? null : Number(value)) })',
          tsType: 'number | null',
        },
      },
    },
    email_codes: {
      columns: {
        purpose: { decorator: '@column()', tsType: `'recovery_email' | 'lost_device'` },
        status: {
          decorator: '@column()',
          tsType: `'pending' | 'verified' | 'locked' | 'expired' | 'replaced'`,
        },
        code_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string | null' },
      },
    },
    email_changes: {
      columns: {
        token_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
    activation_codes: {
      columns: {
        code_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
    registrations: {
      columns: {
        token_hash: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
    activity_events: {
      columns: {
        type: { decorator: '@column()', tsType: `import('#services/activity_log').ActivityType` },
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
