import type { SchemaRules } from '@adonisjs/lucid/types/schema_generator'

/**
 * Narrows generated column types where the database only knows "string",
 * and keeps secrets out of serialization.
 */
export default {
  columns: {
    /** Booleans come back from SQLite as 0/1; the schema class says boolean. */
    enabled: { decorator: '@column({ consume: (value) => Boolean(value) })', tsType: 'boolean' },
    can_read: { decorator: '@column({ consume: (value) => Boolean(value) })', tsType: 'boolean' },
    can_update: { decorator: '@column({ consume: (value) => Boolean(value) })', tsType: 'boolean' },
    can_delete: { decorator: '@column({ consume: (value) => Boolean(value) })', tsType: 'boolean' },
    can_change_security: {
      decorator: '@column({ consume: (value) => Boolean(value) })',
      tsType: 'boolean',
    },
    inherit_org_style: {
      decorator: '@column({ consume: (value) => Boolean(value) })',
      tsType: 'boolean',
    },
    show_register_button: {
      decorator: '@column({ consume: (value) => Boolean(value) })',
      tsType: 'boolean',
    },
    help_form_enabled: {
      decorator: '@column({ consume: (value) => Boolean(value) })',
      tsType: 'boolean',
    },
    subject_type: { decorator: '@column()', tsType: `'user' | 'customer'` },
  },
  tables: {
    tenant_plugins: {
      columns: {
        secrets: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
    plugin_secrets: {
      columns: {
        value: { decorator: '@column({ serializeAs: null })', tsType: 'string' },
      },
    },
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
    operators: {
      columns: {
        totp_secret: { decorator: '@column({ serializeAs: null })', tsType: 'string | null' },
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
    documents: {
      columns: {
        /** bigint ids come back from PostgreSQL as strings. */
        id: {
          decorator: '@column({ isPrimary: true, consume: (value) => Number(value) })',
          tsType: 'number',
        },
        type: { decorator: '@column()', tsType: `'invoice' | 'credit_note' | 'other'` },
        audience: { decorator: '@column()', tsType: `'customer_number' | 'grants'` },
        source: { decorator: '@column()', tsType: `'api' | 'import' | 'upload' | 'staff'` },
        /** bigint: cents fit in a JS number up to 90 trillion. */
        amount_cents: {
          decorator: '@column({ consume: (value) => (value === null ? null : Number(value)) })',
          tsType: 'number | null',
        },
      },
    },
    document_files: {
      columns: {
        id: {
          decorator: '@column({ isPrimary: true, consume: (value) => Number(value) })',
          tsType: 'number',
        },
        kind: { decorator: '@column()', tsType: `'pdf' | 'ubl' | 'attachment'` },
        /** The default naming would look for `sha_256`. */
        sha256: { decorator: "@column({ columnName: 'sha256' })", tsType: 'string' },
        size: { decorator: '@column({ consume: (value) => Number(value) })', tsType: 'number' },
        document_id: {
          decorator: '@column({ consume: (value) => Number(value) })',
          tsType: 'number',
        },
      },
    },
    downloads: {
      columns: {
        status: { decorator: '@column()', tsType: `'queued' | 'running' | 'finished' | 'failed'` },
        size: {
          decorator: '@column({ consume: (value) => (value === null ? null : Number(value)) })',
          tsType: 'number | null',
        },
      },
    },
    document_events: {
      columns: {
        id: {
          decorator: '@column({ isPrimary: true, consume: (value) => Number(value) })',
          tsType: 'number',
        },
        document_id: {
          decorator: '@column({ consume: (value) => Number(value) })',
          tsType: 'number',
        },
      },
    },
    document_grants: {
      columns: {
        id: {
          decorator: '@column({ isPrimary: true, consume: (value) => Number(value) })',
          tsType: 'number',
        },
        document_id: {
          decorator: '@column({ consume: (value) => Number(value) })',
          tsType: 'number',
        },
      },
    },
    publication_batches: {
      columns: {
        status: { decorator: '@column()', tsType: `'open' | 'closed' | 'notified'` },
        source: { decorator: '@column()', tsType: `'api' | 'import' | 'upload'` },
      },
    },
    customer_numbers: {
      columns: {
        notify_mode: { decorator: '@column()', tsType: `'link' | 'attachment'` },
      },
    },
    document_reads: {
      columns: {
        document_id: {
          decorator: '@column({ consume: (value) => Number(value) })',
          tsType: 'number',
        },
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
        id: {
          decorator: '@column({ isPrimary: true, consume: (value) => Number(value) })',
          tsType: 'number',
        },
        type: { decorator: '@column()', tsType: `import('#models/activity_types').ActivityType` },
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
    mail_templates: {
      columns: {
        locale: { decorator: '@column()', tsType: `'en' | 'nl' | 'fr'` },
      },
    },
  },
} satisfies SchemaRules
