import pg from 'pg'
import env from '#start/env'

/**
 * Creates the PostgreSQL test database when the suite runs with
 * DB_CONNECTION=pg and it does not exist yet.
 */
export async function ensurePostgresDatabase() {
  if (env.get('DB_CONNECTION') !== 'pg') return
  const name = env.get('PG_DB_NAME') ?? 'portal_test'
  const client = new pg.Client({
    host: env.get('PG_HOST') ?? '127.0.0.1',
    port: env.get('PG_PORT') ?? 5432,
    user: env.get('PG_USER') ?? 'postgres',
    password: env.get('PG_PASSWORD') ?? '',
    database: 'postgres',
  })
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) {
      await client.query(`create database "${name.replaceAll('"', '""')}"`)
    }
  } finally {
    await client.end()
  }
}

/**
 * Empties every table (keeps the schema): the start of each test that
 * needs a clean slate. Quieter and faster than re-running migrations.
 */
export async function truncateAll() {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const connection = db.connection()
  const isPostgres = connection.dialect.name === 'postgres'
  const allTables = await connection.getAllTables(isPostgres ? ['public'] : undefined)
  const tables = allTables.filter((name) => !name.startsWith('adonis_schema'))
  if (tables.length === 0) return
  if (isPostgres) {
    await connection.rawQuery(`truncate ${tables.map((name) => `"${name}"`).join(', ')} cascade`)
    return
  }
  await connection.rawQuery('pragma foreign_keys = off')
  try {
    for (const name of tables) await connection.rawQuery(`delete from "${name}"`)
  } finally {
    await connection.rawQuery('pragma foreign_keys = on')
  }
}
