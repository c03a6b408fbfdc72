/**
 * The JSON schema every `plugins/<id>/plugin.json` must satisfy. The core owns
 * it; unknown fields are refused so a typo never passes silently.
 */
const localized = {
  type: 'object',
  additionalProperties: false,
  required: ['en', 'nl', 'fr'],
  properties: {
    en: { type: 'string', minLength: 1, maxLength: 200 },
    nl: { type: 'string', minLength: 1, maxLength: 200 },
    fr: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const

/** A module path inside the plugin folder, e.g. `start/routes.ts`. */
const modulePath = {
  type: 'string',
  pattern: '^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.(ts|js)$',
} as const

const folderPath = {
  type: 'string',
  pattern: '^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+$',
} as const

export const manifestSchema = {
  $id: 'https://portal.local/schemas/plugin-manifest.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'name', 'description', 'core'],
  properties: {
    $schema: { type: 'string' },
    /** Lower-case id; also the prefix of its tables, permissions and queues. */
    id: { type: 'string', pattern: '^[a-z][a-z0-9]{1,31}$' },
    version: {
      type: 'string',
      pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$',
    },
    name: localized,
    description: localized,
    /** The core versions the plugin works with, as `^MAJOR.MINOR`, `>=X.Y.Z` or `*`. */
    core: { type: 'string', pattern: '^(\\*|(\\^|~|>=)?\\d+(\\.\\d+){0,2})$' },
    /** Permissions it adds, namespaced by its id: `<id>.<resource>:<verb>`. */
    permissions: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$' },
          description: localized,
          /** The core roles that hold it by default. */
          roles: {
            type: 'array',
            items: { enum: ['admin', 'staff', 'customer'] },
            uniqueItems: true,
          },
        },
      },
    },
    /** Entries added to the portal or admin menu while the plugin is enabled. */
    menu: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'path', 'area'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' },
          label: localized,
          path: { type: 'string', pattern: '^/[A-Za-z0-9_/-]*$' },
          area: { enum: ['portal', 'admin'] },
          roles: {
            type: 'array',
            items: { enum: ['admin', 'staff', 'customer'] },
            uniqueItems: true,
          },
        },
      },
    },
    /** A JSON schema for the tenant's settings of this plugin. */
    settings: {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'object' } },
    },
    /**
     * E-mails it sends, named `<id>_<name>`: the variables its texts may use
     * with a sample value each (preview and test e-mails). Default texts are
     * `mail_templates/<locale>/<name>.liquid` in the plugin folder.
     */
    mailTemplates: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'variables'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9]*_[a-z][a-z0-9_]{0,40}$' },
          variables: {
            type: 'object',
            propertyNames: { pattern: '^[a-z][A-Za-z0-9]{0,40}$' },
            additionalProperties: { type: ['string', 'number'] },
          },
        },
      },
    },
    /**
     * Temporal Schedules, one per tenant that enables the plugin: a workflow
     * (exported by `entry.workflows`) started on a cron spec, with an input.
     */
    schedules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'workflow', 'cron'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$' },
          workflow: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,80}$' },
          cron: { type: 'string', minLength: 9, maxLength: 100 },
          input: { type: 'object' },
        },
      },
    },
    /**
     * Panels it adds to core pages while enabled: a Vue component of its
     * `components/` folder, with props computed on the server by an optional
     * module (default export `(context) => props`, null to show nothing).
     */
    slots: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['slot', 'component'],
        properties: {
          slot: {
            enum: [
              'portal.home',
              'portal.start',
              'document.detail',
              'admin.dashboard',
              'staff.customer',
            ],
          },
          component: { type: 'string', pattern: '^components/[A-Za-z0-9_/-]+\\.vue$' },
          props: modulePath,
          /** The tab's title where the slot is a tab (`staff.customer`). */
          label: localized,
        },
      },
    },
    /** Entry modules and folders, relative to the plugin folder. */
    entry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        routes: modulePath,
        migrations: folderPath,
        workflows: modulePath,
        activities: modulePath,
        jobs: modulePath,
        pages: folderPath,
        lang: folderPath,
        /** Default export `(context) => Promise<void>`: demo data for the demo tenant. */
        seeder: modulePath,
        /** Default export `(context) => Promise<void>`: removes the plugin's data of one tenant. */
        purge: modulePath,
        /** An OpenAPI 3.1 fragment (`paths` relative to /api/v1/<id>, `components.schemas`). */
        openapi: { type: 'string', pattern: '^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.json$' },
      },
    },
  },
} as const
