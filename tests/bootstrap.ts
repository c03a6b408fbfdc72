import type { ChildProcess } from 'node:child_process'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { chromium } from 'playwright'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import type { TestWorkflowEnvironment } from '@temporalio/testing'
import env from '#start/env'
import { installRuntime, WorkerHost } from '#workflows/worker'
import { temporal } from '#workflows/temporal'
import { closeQueues } from '#jobs/queues'
import { startMailDev, startTemporal } from '#tests/support/services'
import { ensurePostgresDatabase, truncateAll } from '#tests/support/database'
import '#tests/support/api_client_macros'

/**
 * Japa plugins. Browser tests drive Debian's Chromium (no browser download).
 */
export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient({ baseURL: `http://127.0.0.1:${env.get('PORT')}` }),
  sessionApiClient(app),
  authApiClient(app),
  shieldApiClient(),
  inertiaApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    contextOptions: { locale: 'en-GB' },
    launcher: (options) =>
      chromium.launch({
        ...options,
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

let temporalEnv: TestWorkflowEnvironment | undefined
let mailDev: ChildProcess | undefined
let worker: WorkerHost | undefined

async function stopServices() {
  await worker?.stop()
  await closeQueues()
  await temporal.close()
  await temporalEnv?.teardown()
  mailDev?.kill()
}

/**
 * Before the first test: the real services, a migrated empty database, the
 * worker (Temporal + BullMQ) running in this process, and the HTTP server.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      installRuntime()
      try {
        const started = await Promise.allSettled([
          startTemporal().then((environment) => (temporalEnv = environment)),
          startMailDev().then((child) => (mailDev = child)),
        ])
        for (const result of started) if (result.status === 'rejected') throw result.reason
        await redis.connection().flushdb()
        await ensurePostgresDatabase()
        await testUtils.db().migrate()
        await truncateAll()
        worker = new WorkerHost(logger)
        await worker.start()
      } catch (error) {
        // Japa skips the teardown when the setup fails: leave no server behind.
        await stopServices()
        throw error
      }
    },
  ],
  teardown: [stopServices],
}

/**
 * Functional and browser suites talk to the real HTTP server.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
