import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { dirname, relative as relativePath, resolve } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'

/**
 * The web server as `npm start` runs it (development mode with the Vite dev
 * server inside, bin/dev.js), on a port of its own, against the suite's
 * database and storage.
 */
async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
    server.on('error', reject)
  })
}

/** A raw request: the path goes out byte for byte (no `..` resolved by a client). */
function rawGet(
  port: number,
  path: string,
  host: string
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => {
      let body = ''
      response.setEncoding('latin1')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () =>
        done({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type'] ?? ''),
          body,
        })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

async function startDevServer(
  port: number
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.makePath(),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEV_MODE: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dev server exited:\n${output}`)
    try {
      await rawGet(port, '/health', `localhost:${port}`)
      return { child, output: () => output }
    } catch {
      await new Promise((done) => setTimeout(done, 250))
    }
  }
  child.kill('SIGKILL')
  throw new Error(`the dev server did not answer within 60 s:\n${output}`)
}

test.group('Operations / what the development server exposes', (group) => {
  let server: { child: ChildProcess; output: () => string } | undefined
  let port: number

  group.setup(async () => {
    port = await freePort()
    server = await startDevServer(port)
    return () => {
      server?.child.kill('SIGTERM')
    }
  })
  resetWorld(group)

  test('the database, stored files and project files answer 404, with a tenant host and without', async ({
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const root = app.makePath()
    const relative = (path: string) => `/${relativePath(root, path).replaceAll('\\', '/')}`
    const database = resolve(root, env.get('SQLITE_PATH') ?? app.tmpPath('db.sqlite3'))
    const storage = resolve(root, env.get('DRIVE_FS_ROOT') ?? app.tmpPath('storage'))
    const storedFile = resolve(storage, `t${tenant.id}`, 'documents', 'probe.pdf')
    mkdirSync(dirname(storedFile), { recursive: true })
    writeFileSync(storedFile, '%PDF-1.4 stored file that must not be served')

    const paths = [
      relative(database),
      `${relative(database)}-wal`,
      `${relative(database)}-shm`,
      '/tmp/db.sqlite3',
      relative(storedFile),
      '/package.json',
      '/database/demo.json',
      '/app/models/user.ts',
      '/start/env.ts',
      '/.env',
      '/.env.test',
      '/vite.config.ts',
      `/resources/..${relative(database)}`,
      `/resources/%2e%2e${relative(database)}`,
      `/resources/..%2f..${relative(database)}`,
      '/node_modules/../package.json',
      `/@fs${database}`,
      `/@fs${storedFile}`,
      `/@fs${root}/package.json`,
      '/@fs/etc/passwd',
      `/.adonisjs/client/../../package.json`,
    ]
    for (const host of [`${tenant.slug}.localhost:${port}`, `127.0.0.1:${port}`, 'evil.example']) {
      for (const path of paths) {
        const response = await rawGet(port, path, host)
        assert.oneOf(
          response.status,
          [403, 404],
          `${path} on ${host} answered ${response.status} (${response.type})`
        )
        assert.notInclude(response.body, 'SQLite format 3', `${path} on ${host}`)
        assert.notInclude(response.body, 'must not be served', `${path} on ${host}`)
        assert.notInclude(response.body, '"dependencies"', `${path} on ${host}`)
      }
    }
  }).timeout(120_000)

  test("the front end's own sources are still served by Vite", async ({ assert }) => {
    const tenant = await TenantFactory.create()
    for (const path of ['/@vite/client', '/resources/app.ts']) {
      const response = await rawGet(port, path, `${tenant.slug}.localhost:${port}`)
      assert.equal(response.status, 200, `${path}: ${server?.output().slice(-2000)}`)
      assert.match(response.type, /javascript/)
    }
  }).timeout(60_000)
})
