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

export default configApp(
  /**
   * Vue pages, layouts and components live under resources/ (see README).
   */
  ...vue.map((block) => (block.files ? { ...block, files: ['resources/**/*.{ts,vue}'] } : block)),
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
              group: ['#*', '@adonisjs/*'],
              message: 'Workflow code may not import the app: call an activity.',
            },
          ],
        },
      ],
    },
  }
)
