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
      },
    },
  },
} as const
