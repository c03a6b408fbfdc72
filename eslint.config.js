import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
]

/** Front-end code: the core's, and the plugins' pages and components. */
const CLIENT_FILES = [
  'resources/**/*.{ts,vue}',
  'plugins/*/{pages,components}/**/*.{ts,vue}',
  'tests/fixtures/plugins/*/{pages,components}/**/*.{ts,vue}',
]

export default configApp(
  /**
   * Vue pages, layouts and components live under resources/ (see README).
   */
  ...vue.map((block) => (block.files ? { ...block, files: CLIENT_FILES } : block)),
  {
    ignores: ['resources/public/**', 'bench/**/data/**', 'tmp/**'],
  },
  {
    name: 'Promises are awaited or handled',
    files: ['app/**/*.ts', 'workflows/**/*.ts', 'start/**/*.ts', 'plugins/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    name: 'A plugin imports the core through #core/* and @kit only',
    files: ['plugins/**/*.{ts,vue}', 'tests/fixtures/plugins/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#(?!core/)',
              message: 'A plugin imports the core through #core/* only (docs/plugins.md).',
            },
            {
              group: ['~/*', '@generated', '@generated/*'],
              message: "A plugin's pages import the core's UI through @kit only.",
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Temporal workflow code is deterministic',
    files: ['workflows/**/workflows.ts', 'plugins/*/workflows/**/workflows.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: NODE_BUILTINS,
              message: 'Workflow code runs in a sandbox: no Node built-ins (use an activity).',
            },
            {
              // A regex: in a gitignore-style group, a leading # starts a comment.
              regex: '^(#|@adonisjs/)',
              message: 'Workflow code may not import the app: call an activity.',
            },
          ],
        },
      ],
    },
  }
)
