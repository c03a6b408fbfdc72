import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'
import { posix } from 'node:path'

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

/**
 * `portal/plugin-boundary`: a relative import in a plugin stays inside the
 * plugin's folder (`plugins/<id>/`, or a test fixture's): not into the core,
 * not into another plugin.
 */
const pluginBoundary = {
  meta: {
    type: 'problem',
    messages: {
      outside:
        '"{{source}}" leaves the plugin\'s folder: a plugin imports its own files, #core/*, @kit and packages only.',
    },
  },
  create(context) {
    const file = context.filename.replaceAll('\\', '/')
    const root = /^(.*\/(?:plugins|tests\/fixtures\/plugins)\/[^/]+\/)/.exec(file)?.[1]
    if (!root) return {}
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = posix.resolve(posix.dirname(file), source)
      if (!`${target}/`.startsWith(root)) {
        context.report({ node: node.source, messageId: 'outside', data: { source } })
      }
    }
    return {
      ImportDeclaration: check,
      ImportExpression: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    }
  },
}

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
    plugins: { portal: { rules: { 'plugin-boundary': pluginBoundary } } },
    rules: {
      'portal/plugin-boundary': 'error',
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
    name: "A plugin's shared/ code runs in the browser and in workflows as well as on the server",
    files: ['plugins/*/shared/**/*.ts', 'tests/fixtures/plugins/*/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: NODE_BUILTINS,
              message: 'shared/ is loaded by the browser and by workflows: no Node built-ins.',
            },
            {
              regex: '^(#|@adonisjs/|@kit)',
              message: 'shared/ holds plain types and constants: it imports neither the core nor the UI.',
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
