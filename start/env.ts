/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Every variable the platform reads is validated here, at boot, with a
| message that names the variable and says what is wrong. `.env.example`
| documents each one.
|
*/

import { Env } from '@adonisjs/core/env'

/**
 * A TCP port: an integer from 1 to 65535.
 */
function parsePort(key: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`"${key}" must be a TCP port between 1 and 65535 (current value: "${value}")`)
  }
  return n
}

function port(key: string, value?: string): number {
  if (value === undefined || value === '') {
    throw new Error(`Missing environment variable "${key}" (a TCP port, e.g. 3333)`)
  }
  return parsePort(key, value)
}

function optionalPort(key: string, value?: string): number | undefined {
  return value === undefined || value === '' ? undefined : parsePort(key, value)
}

/**
 * A URL with one of the given protocols (`redis://`, `http://`...).
 */
function urlWith(protocols: string[], example: string) {
  return (key: string, value?: string): string => {
    if (!value) throw new Error(`Missing environment variable "${key}" (e.g. ${example})`)
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      throw new Error(`"${key}" must be a URL such as ${example} (current value: "${value}")`)
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new Error(
        `"${key}" must start with ${protocols.map((p) => `${p}//`).join(' or ')} (current value: "${value}")`
      )
    }
    return value
  }
}

/**
 * `host:port`, as the Temporal client wants its address.
 */
function hostAndPort(key: string, value?: string): string {
  if (!value) throw new Error(`Missing environment variable "${key}" (e.g. 127.0.0.1:7233)`)
  if (!/^[a-zA-Z0-9.\-_\[\]:]+:\d{1,5}$/.test(value)) {
    throw new Error(`"${key}" must be host:port, e.g. 127.0.0.1:7233 (current value: "${value}")`)
  }
  return value
}

export default await Env.create(new URL('../', import.meta.url), {
  /*
  |----------------------------------------------------------
  | Application
  |----------------------------------------------------------
  */
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: port,
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: urlWith(['http:', 'https:'], 'http://localhost:3333'),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  LOG_PRETTY: Env.schema.boolean.optional(),

  /*
  |----------------------------------------------------------
  | Tenancy: `<slug>.<TENANT_BASE_DOMAIN>` reaches tenant <slug>
  |----------------------------------------------------------
  */
  TENANT_BASE_DOMAIN: Env.schema.string({ format: 'host' }),
  /**
   * The operators' host (queues, workflows), which is no tenant's; by
   * default `ops.<TENANT_BASE_DOMAIN>`.
   */
  OPS_HOST: Env.schema.string.optional({ format: 'host' }),

  /*
  |----------------------------------------------------------
  | Session
  |----------------------------------------------------------
  */
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Database: SQLite (embedded default) or PostgreSQL
  |----------------------------------------------------------
  */
  DB_CONNECTION: Env.schema.enum(['sqlite', 'pg'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional({ format: 'host' }),
  PG_PORT: optionalPort,
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.string.optional(),
  PG_DB_NAME: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Redis (BullMQ queues, rate limits)
  |----------------------------------------------------------
  */
  REDIS_URL: urlWith(['redis:', 'rediss:'], 'redis://127.0.0.1:6379/0'),
  QUEUE_PREFIX: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Temporal
  |----------------------------------------------------------
  */
  TEMPORAL_ADDRESS: hostAndPort,
  TEMPORAL_NAMESPACE: Env.schema.string(),
  TEMPORAL_TASK_QUEUE: Env.schema.string.optional(),
  /**
   * Where the web process reaches Temporal UI, its public path included
   * (`--ui-public-path /temporal`); operators see it through the operator
   * host's /temporal/, behind their login.
   */
  TEMPORAL_UI_URL: urlWith(['http:', 'https:'], 'http://127.0.0.1:8233/temporal'),

  /*
  |----------------------------------------------------------
  | Mail (SMTP)
  |----------------------------------------------------------
  */
  SMTP_HOST: Env.schema.string({ format: 'host' }),
  SMTP_PORT: port,
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string(),

  /*
  |----------------------------------------------------------
  | Files (drive)
  |----------------------------------------------------------
  */
  DRIVE_DISK: Env.schema.enum(['fs', 's3'] as const),
  DRIVE_FS_ROOT: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Plugins: comma-separated folders scanned for <id>/plugin.json
  |----------------------------------------------------------
  */
  PLUGINS_PATHS: Env.schema.string.optional(),
})
