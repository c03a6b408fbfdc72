import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { pluginMigrationPaths } from '#plugins/paths'
import { schemaGeneration } from '#plugins/schema'
import { beginImmediateTransactions } from '#database/sqlite_transactions'

/**
 * Core migrations first, then each plugin's own (plugins own their tables).
 */
const migrationPaths = ['database/migrations', ...pluginMigrationPaths()]
const sqlitePath = env.get('SQLITE_PATH') ?? app.tmpPath('db.sqlite3')

if (env.get('DB_CONNECTION') === 'sqlite') beginImmediateTransactions()

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION'),
  prettyPrintDebugQueries: false,
  connections: {
    /**
     * Embedded default: one file under tmp/, nothing to install.
     */
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqlitePath,
      },
      useNullAsDefault: true,
      pool: {
        /**
         * Foreign keys are off by default in SQLite; WAL lets the web server
         * and the worker read while the other writes; a writer waits up to
         * 5 s for the lock (transactions take it up front:
         * database/sqlite_transactions.ts).
         */
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.pragma('foreign_keys = ON')
          conn.pragma('journal_mode = WAL')
          conn.pragma('busy_timeout = 5000')
          done(null, conn)
        },
      },
      migrations: {
        naturalSort: true,
        paths: migrationPaths,
      },
      seeders: {
        paths: ['database/seeders'],
      },
      /** The core's tables into database/schema.ts, a plugin's into its folder. */
      schemaGeneration: schemaGeneration(sqlitePath),
    },

    /**
     * PostgreSQL for production and for the second CI pass.
     */
    pg: {
      client: 'pg',
      connection: {
        host: env.get('PG_HOST') ?? '127.0.0.1',
        port: env.get('PG_PORT') ?? 5432,
        user: env.get('PG_USER') ?? 'postgres',
        password: env.get('PG_PASSWORD') ?? '',
        database: env.get('PG_DB_NAME') ?? 'portal',
      },
      pool: { min: 0, max: 20 },
      migrations: {
        naturalSort: true,
        paths: migrationPaths,
      },
      seeders: {
        paths: ['database/seeders'],
      },
      /**
       * The committed schema classes are generated from SQLite; regenerating
       * them from PostgreSQL would only churn column types.
       */
      schemaGeneration: {
        enabled: false,
      },
    },
  },
})

export default dbConfig
