/*
|--------------------------------------------------------------------------
| `npm start` orchestrator
|--------------------------------------------------------------------------
|
| Runs every process of the platform on this machine, prefixes their
| output, prints where everything is, and on Ctrl-C stops every process it
| started (each runs in its own process group, so nothing is left behind).
| Plain JavaScript: it runs before anything is compiled.
|
*/

import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const temporalCli = process.env.TEMPORAL_CLI_PATH
const colors = { redis: 31, temporal: 35, maildev: 33, worker: 36, web: 32, setup: 34 }
const children = []
let stopping = false

function log(name, line) {
  process.stdout.write(`\x1b[${colors[name] ?? 37}m${name.padEnd(8)}\x1b[0m│ ${line}\n`)
}

function portAnswers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect(port, host)
    socket.setTimeout(500)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(false))
  })
}

async function waitForPort(name, port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await portAnswers(port))) {
    if (stopping) return
    if (Date.now() > deadline)
      throw new Error(`${name} did not open port ${port} within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function start(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = ''
    stream.on('data', (chunk) => {
      buffer += chunk
      const lines = buffer.split('\n')
      buffer = lines.pop()
      for (const line of lines) if (line.trim()) log(name, line)
    })
  }
  child.on('exit', (code, signal) => {
    if (stopping) return
    log(name, `exited (${signal ?? code}); stopping everything`)
    stop(1)
  })
  children.push({ name, child })
  return child
}

function run(name, command, args) {
  log('setup', `${name}…`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    log('setup', `${name} failed (exit ${result.status})`)
    process.exit(result.status ?? 1)
  }
}

/**
 * The migrations, core's first. When only plugins' migrations fail (each in
 * its own transaction, rolled back), the core is complete: say which plugins
 * failed and go on, so the platform still starts; any other failure stops.
 */
function migrate(args) {
  log('setup', 'migrating the database…')
  const result = spawnSync(process.execPath, ['ace', 'migration:run', ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  process.stdout.write(result.stdout ?? '')
  process.stderr.write(result.stderr ?? '')
  if (result.status === 0) return
  const failed = [...(result.stdout + result.stderr).matchAll(/\[ error \] (\S+)/g)].map(
    (match) => match[1]
  )
  const plugins = failed.map((file) => /(?:^|\/)([a-z][a-z0-9]*)\/database\/migrations\//.exec(file))
  // A core migration (database/migrations/…) has no plugin folder before it.
  if (failed.length === 0 || plugins.some((match) => !match)) {
    log('setup', `migrating the database failed (exit ${result.status})`)
    process.exit(result.status ?? 1)
  }
  for (const id of new Set(plugins.map((match) => match[1]))) {
    log(
      'setup',
      `the migrations of plugin "${id}" failed (above): the core is migrated and starts; "${id}" will not work until its migration is fixed`
    )
  }
}

async function stopGroup(names) {
  const group = children.filter(
    ({ name, child }) =>
      names.includes(name) && child.exitCode === null && child.signalCode === null
  )
  for (const { child } of group) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  const deadline = Date.now() + 10_000
  while (group.some(({ child }) => child.exitCode === null && child.signalCode === null)) {
    if (Date.now() > deadline) {
      for (const { child } of group) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {}
      }
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * The application first (it still talks to the services while it drains),
 * then the services.
 */
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  log('setup', 'stopping…')
  await stopGroup(['web', 'worker'])
  await stopGroup(['temporal', 'maildev', 'redis'])
  log('setup', 'all processes stopped')
  process.exit(code)
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

async function main() {
  for (const [name, port] of [
    ['web server', 3333],
    ['Temporal', 7233],
    ['Temporal UI', 8233],
    ['MailDev SMTP', 1025],
    ['MailDev UI', 1080],
  ]) {
    if (await portAnswers(port)) {
      log(
        'setup',
        `port ${port} (${name}) is already in use: is another "npm start" running? Stop it first.`
      )
      process.exit(1)
    }
  }

  mkdirSync(join(root, 'tmp', 'temporal'), { recursive: true })
  /**
   * First: every ace command that boots the app (migrations, seeders, the
   * worker) preloads start/routes.ts, which imports the generated controller
   * index (`#generated/controllers`); a fresh clone has no `.adonisjs/` yet.
   */
  run('generating route and page types', process.execPath, ['ace', 'codegen'])
  migrate(['--force', '--compact-output', '--no-schema-generate'])
  run('adding demo data (only what is missing)', process.execPath, ['ace', 'db:seed'])

  if (!(await portAnswers(6379))) {
    start('redis', 'redis-server', [
      '--port',
      '6379',
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ])
    await waitForPort('Redis', 6379)
  } else {
    log('setup', 'using the Redis already running on 127.0.0.1:6379')
  }

  start('temporal', temporalCli, [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    '7233',
    '--ui-port',
    '8233',
    '--ui-ip',
    '127.0.0.1',
    // Behind the operator host's /temporal/ (the web server relays it after the operator login).
    '--ui-public-path',
    '/temporal',
    '--db-filename',
    join(root, 'tmp', 'temporal', 'dev.db'),
    '--log-level',
    'warn',
  ])
  start('maildev', process.execPath, [
    join(root, 'node_modules', '.bin', 'maildev'),
    '--smtp',
    '1025',
    '--web',
    '1080',
    '--ip',
    '127.0.0.1',
    '--web-ip',
    '127.0.0.1',
  ])
  await Promise.all([waitForPort('Temporal', 7233), waitForPort('MailDev', 1025)])

  start('worker', process.execPath, ['ace', 'worker'])
  start('web', process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    /**
     * Loopback only, whatever .env says (it serves development tools):
     * `HOST=0.0.0.0 npm start` opens it to the network on purpose.
     */
    env: {
      DEV_MODE: 'true',
      HOST: process.env.HOST || '127.0.0.1',
      // The Temporal UI started above (its public path), relayed at the operator host's /temporal/.
      TEMPORAL_UI_URL: 'http://127.0.0.1:8233/temporal',
    },
  })
  await waitForPort('the web server', 3333)

  const demo = JSON.parse(readFileSync(join(root, 'database', 'demo.json'), 'utf8'))
  // The installed plugins' own demo tenants and logins, as their seeders left them.
  let plugins = { tenants: [], logins: [] }
  try {
    plugins = JSON.parse(readFileSync(join(root, 'tmp', 'demo-plugins.json'), 'utf8'))
  } catch {}
  const lines = [
    '',
    'The portal platform is running. Press Ctrl-C to stop every process.',
    '',
    ...[...demo.tenants, ...plugins.tenants].map(
      (tenant) => `  ${tenant.name.padEnd(20)} http://${tenant.slug}.localhost:3333`
    ),
    `  Admin area           http://${demo.tenants[0].slug}.localhost:3333/admin`,
    '  Operations           http://ops.localhost:3333 (queues, workflows; operators only)',
    '  Temporal UI          http://localhost:8233/temporal/ (this machine only)',
    '  MailDev (e-mails)    http://localhost:1080',
    '  Health               http://localhost:3333/health',
    '',
    '  Demo logins:',
    ...[...demo.logins, ...plugins.logins].map(
      (login) =>
        `    ${login.tenant.padEnd(6)} ${login.role.padEnd(9)} ${login.email.padEnd(24)} ${login.password}`
    ),
    ...(demo.operators ?? []).map(
      (operator) =>
        `    ${'ops'.padEnd(6)} ${'operator'.padEnd(9)} ${operator.email.padEnd(24)} ${operator.password} (+ an authenticator app, set up at first login)`
    ),
    '',
  ]
  for (const line of lines) log('setup', line)
}

main().catch((error) => {
  log('setup', error.message)
  stop(1)
})
