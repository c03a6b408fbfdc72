import { defineConfig } from '@adonisjs/core/app'
import { indexEntities } from '@adonisjs/core/generators'
import { indexPages } from '@adonisjs/inertia'
import { generateRegistry } from '@tuyau/core/hooks'
import { indexPolicies } from '@adonisjs/bouncer'
import { indexPluginPages } from './start/plugin_pages_codegen.js'

export default defineConfig({
  /*
  |--------------------------------------------------------------------------
  | Directories
  |--------------------------------------------------------------------------
  |
  | The top level of the repository is fixed (see the README); framework
  | folders that would otherwise sit at the top live under app/ and
  | resources/.
  |
  */
  directories: {
    commands: 'app/commands',
    providers: 'app/providers',
    public: 'resources/public',
    views: 'resources/views',
    languageFiles: 'resources/lang',
  },

  /*
  |--------------------------------------------------------------------------
  | Commands
  |--------------------------------------------------------------------------
  */
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/inertia/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('@adonisjs/bouncer/commands'),
  ],

  /*
  |--------------------------------------------------------------------------
  | Service providers
  |--------------------------------------------------------------------------
  */
  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/vite/vite_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/inertia/inertia_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('#providers/app_provider'),
  ],

  /*
  |--------------------------------------------------------------------------
  | Preloads
  |--------------------------------------------------------------------------
  */
  preloads: [() => import('#start/routes'), () => import('#start/kernel')],

  /*
  |--------------------------------------------------------------------------
  | Tests
  |--------------------------------------------------------------------------
  */
  tests: {
    suites: [
      {
        files: [
          'tests/unit/**/*.spec.ts',
          'plugins/*/tests/unit/**/*.spec.ts',
          'tests/fixtures/plugins/*/tests/unit/**/*.spec.ts',
        ],
        name: 'unit',
        timeout: 10_000,
      },
      {
        files: [
          'tests/functional/**/*.spec.ts',
          'plugins/*/tests/functional/**/*.spec.ts',
          'tests/fixtures/plugins/*/tests/functional/**/*.spec.ts',
        ],
        name: 'functional',
        timeout: 60_000,
      },
      {
        files: [
          'tests/workflows/**/*.spec.ts',
          'plugins/*/tests/workflows/**/*.spec.ts',
          'tests/fixtures/plugins/*/tests/workflows/**/*.spec.ts',
        ],
        name: 'workflows',
        timeout: 60_000,
      },
      {
        files: [
          'tests/browser/**/*.spec.ts',
          'plugins/*/tests/browser/**/*.spec.ts',
          'tests/fixtures/plugins/*/tests/browser/**/*.spec.ts',
        ],
        name: 'browser',
        timeout: 120_000,
      },
    ],
    forceExit: false,
  },

  /*
  |--------------------------------------------------------------------------
  | Meta files copied to the production build
  |--------------------------------------------------------------------------
  */
  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/mail_templates/**/*.liquid', reloadServer: false },
    { pattern: 'resources/lang/**/*.{json,yaml,yml}', reloadServer: false },
    { pattern: 'resources/public/**', reloadServer: false },
    { pattern: 'database/demo.json', reloadServer: false },
    { pattern: 'plugins/*/plugin.json', reloadServer: true },
    { pattern: 'plugins/*/lang/**/*.json', reloadServer: false },
  ],

  hooks: {
    init: [
      indexEntities({ transformers: { enabled: true, withSharedProps: true } }),
      indexPages({ framework: 'vue3', source: 'resources/pages' }),
      indexPluginPages({ source: 'plugins', output: '.adonisjs/server/plugin_pages.d.ts' }),
      indexPluginPages({
        source: 'tests/fixtures/plugins',
        output: '.adonisjs/server/fixture_plugin_pages.d.ts',
      }),
      indexPolicies(),
      generateRegistry(),
    ],
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
