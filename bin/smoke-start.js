/*
|--------------------------------------------------------------------------
| Smoke test of the README's start command (`npm start`)
|--------------------------------------------------------------------------
|
| Run by `.ci/run` before the suites, and by hand with `bash bin/smoke-start.sh`.
|
| 1. Copies the checkout without any git-ignored file (no node_modules, no
|    .env, no .adonisjs, no tmp/): what a fresh clone holds, plus the working
|    tree's uncommitted changes.
| 2. Runs `npm start` there in its own process group and waits for /health
|    to answer 200 (bounded; the log tail is printed on failure).
| 3. Over HTTP, as a browser would: logs in on demo.localhost as the demo
|    customer, opens the documents list and sees seeded documents, logs out
|    and is refused the list afterwards; finds the demo's e-mail through
|    MailDev's API; gets 404 for the SQLite database and project files.
| 4. Sends SIGINT (what Ctrl-C sends) and checks that every process it
|    started is gone: ports 3333, 7233, 8233, 1025, 1080 closed and no
|    process left whose working folder or command line is in the copy.
| 5. Runs `npm start` a second time on the same copy: ready within 30 s,
|    the demo data still there; stops it the same way.
|
| Plain JavaScript and only Node's own modules: it runs before anything is
| installed. Knobs: SMOKE_DIR (where to copy; default a new temporary
| folder, removed when the test passes), SMOKE_FIRST_TIMEOUT (seconds the
| first start may take, default 1800: a cold machine builds the Temporal
| CLI), SMOKE_SECOND_TIMEOUT (default 30).
|
*/

import { execFileSync, spawn } from 'node:child_process'
import {
  appendFileSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const source = fileURLToPath(new URL('../', import.meta.url))
const firstTimeout = Number(process.env.SMOKE_FIRST_TIMEOUT ?? 1800) * 1000
const secondTimeout = Number(process.env.SMOKE_SECOND_TIMEOUT ?? 30) * 1000
const servicePorts = [
  ['web server', 3333],
  ['Temporal', 7233],
  ['Temporal UI', 8233],
  ['MailDev SMTP', 1025],
  ['MailDev UI', 1080],
]
const demo = JSON.parse(readFileSync(join(source, 'database', 'demo.json'), 'utf8'))
const customer = demo.logins.find((login) => login.tenant === 'demo' && login.role === 'customer')
const tenantHost = `${customer.tenant}.localhost:3333`

function say(message) {
  process.stdout.write(`\x1b[1;35m[smoke]\x1b[0m ${message}\n`)
}

class SmokeFailure extends Error {}

function fail(message) {
  throw new SmokeFailure(message)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The files a fresh clone would hold: tracked and untracked ones, minus
 * what .gitignore excludes (and files deleted from the working tree).
 */
function copyCheckout(target) {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: source, maxBuffer: 64 * 1024 * 1024 }
  )
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
  let copied = 0
  for (const file of new Set(listed)) {
    const from = join(source, file)
    let stat
    try {
      stat = lstatSync(from)
    } catch {
      continue
    }
    const to = join(target, file)
    mkdirSync(dirname(to), { recursive: true })
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to)
    else if (stat.isFile()) copyFileSync(from, to)
    else continue
    copied++
  }
  // bin/provision.sh finds the project root from its own path; git is not needed in the copy.
  return copied
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.setTimeout(1000)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(false))
  })
}

/**
 * One HTTP request to 127.0.0.1 with the given Host header (browsers send
 * `demo.localhost:3333`; name resolution of *.localhost is theirs, not ours).
 */
function http(method, path, { host = tenantHost, port = 3333, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          'Host': host,
          'Accept': 'text/html,application/json',
          'Accept-Language': 'en',
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': payload.length }
            : {}),
          ...headers,
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          })
        )
      }
    )
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)))
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}

/**
 * Cookies as a browser keeps them for one host: set by Set-Cookie, removed
 * when expired, sent back on every request.
 */
class CookieJar {
  #cookies = new Map()

  store(response) {
    for (const line of response.headers['set-cookie'] ?? []) {
      const [pair, ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('=')).trim()
      const value = pair.slice(pair.indexOf('=') + 1).trim()
      const expired = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() < Date.now()
        return false
      })
      if (expired || value === '') this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  get(name) {
    return this.#cookies.get(name)
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

function inertiaPage(html) {
  const match =
    html.match(/<script[^>]*data-page="app"[^>]*>([\s\S]*?)<\/script>/) ??
    html.match(/data-page="([^"]*)"/)
  if (!match) return null
  const raw = match[1]
    .replace(/&quot;/g, '"')
    .replace(/&#039;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
  return JSON.parse(raw)
}

/**
 * The browser's side of one visit: a full page load of /login, the login
 * form posted the way Inertia posts it, the documents list, the logout.
 */
async function visitAsCustomer() {
  const jar = new CookieJar()
  const send = async (method, path, options = {}) => {
    const response = await http(method, path, {
      ...options,
      headers: { Cookie: jar.header(), ...options.headers },
    })
    jar.store(response)
    return response
  }

  const loginPage = await send('GET', '/login')
  if (loginPage.status !== 200) fail(`GET /login answered ${loginPage.status}`)
  const page = inertiaPage(loginPage.text)
  if (!page || page.component !== 'auth/login')
    fail('GET /login did not answer the Inertia login page')
  await checkPageScripts(loginPage.text, send)
  const xsrf = jar.get('XSRF-TOKEN')
  if (!xsrf) fail('GET /login set no XSRF-TOKEN cookie')
  const inertia = {
    'X-Inertia': 'true',
    'X-Requested-With': 'XMLHttpRequest',
    ...(page.version ? { 'X-Inertia-Version': String(page.version) } : {}),
  }
  const csrf = () => ({ 'X-XSRF-TOKEN': decodeURIComponent(jar.get('XSRF-TOKEN') ?? '') })

  const login = await send('POST', '/login', {
    headers: { ...inertia, ...csrf() },
    body: { email: customer.email, password: customer.password },
  })
  if (![302, 303].includes(login.status))
    fail(`POST /login answered ${login.status}, not a redirect: ${login.text.slice(0, 300)}`)
  if (/\/login/.test(login.headers.location ?? ''))
    fail(`the demo customer's login was refused (redirected to ${login.headers.location})`)

  const list = await send('GET', '/documents', { headers: inertia })
  if (list.status !== 200) fail(`GET /documents answered ${list.status}`)
  const listPage = JSON.parse(list.text)
  const rows = listPage.props?.documents ?? []
  if (listPage.component !== 'portal/documents' || rows.length === 0)
    fail(`the documents list shows no seeded document (component ${listPage.component})`)
  say(`logged in as ${customer.email}: the documents list shows ${rows.length} documents`)

  const logout = await send('POST', '/logout', { headers: { ...inertia, ...csrf() } })
  if (![302, 303].includes(logout.status)) fail(`POST /logout answered ${logout.status}`)
  const after = await send('GET', '/documents', { headers: inertia })
  if (after.status === 200) fail('after logging out, /documents still answers 200')
  say(`logged out: /documents now answers ${after.status} (to ${after.headers.location ?? '-'})`)
  return rows.map((row) => row.id)
}

/**
 * MailDev's API answers, and the e-mail announcing the seeded documents to
 * the demo customer arrived (seeder, worker, BullMQ, SMTP: the whole path).
 */
async function checkMailDev() {
  const deadline = Date.now() + 60_000
  let mails = []
  while (Date.now() < deadline) {
    const response = await http('GET', '/api/email', { host: 'localhost:1080', port: 1080 })
    if (response.status !== 200)
      fail(`MailDev's API (GET /api/email on 1080) answered ${response.status}`)
    mails = JSON.parse(response.text)
    if (!Array.isArray(mails)) fail("MailDev's API did not answer a list of e-mails")
    const announcement = mails.find((mail) =>
      (mail.to ?? []).some((to) => to.address === customer.email)
    )
    if (announcement) {
      say(
        `MailDev's API answers: ${mails.length} e-mails, to ${customer.email}: "${announcement.subject}"`
      )
      return
    }
    await sleep(1000)
  }
  fail(`MailDev holds ${mails.length} e-mails, none to ${customer.email} within 60 s`)
}

/**
 * The scripts the page loads (the Vite client and the app's entry in
 * development) answer with JavaScript.
 */
async function checkPageScripts(html, send) {
  const sources = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map(
    (match) => match[1]
  )
  if (sources.length === 0) fail('the login page loads no script')
  for (const src of sources) {
    const url = new URL(src, `http://${tenantHost}`)
    const response = await send('GET', url.pathname + url.search)
    const type = String(response.headers['content-type'] ?? '')
    if (response.status !== 200 || !/javascript/.test(type))
      fail(`the page's script ${url.pathname} answered ${response.status} (${type})`)
  }
  say(`the page's ${sources.length} scripts answer with JavaScript`)
}

/**
 * Nothing of the project but the front end is served: the SQLite database
 * (under tmp/) and package.json answer 404 on a tenant's host and on a bare one.
 */
async function checkNoProjectFiles() {
  for (const host of [tenantHost, 'localhost:3333', '127.0.0.1:3333']) {
    for (const path of ['/tmp/db.sqlite3', '/tmp/db.sqlite3-wal', '/package.json', '/.env']) {
      const response = await http('GET', path, { host })
      if (response.status !== 404) fail(`${path} on ${host} answered ${response.status}, not 404`)
    }
  }
  say('the database, package.json and .env answer 404 (tenant host and bare host)')
}

/**
 * Processes started from the copy: their working folder or their command
 * line is in it (each process `npm start` runs has one or the other).
 */
function processesOf(folder) {
  const found = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`)
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
      if (!cmdline) continue
      if (cwd === folder || cwd.startsWith(`${folder}/`) || cmdline.includes(folder))
        found.push(`${entry} ${cmdline.slice(0, 160)}`)
    } catch {}
  }
  return found
}

class Start {
  constructor(folder, logFile, round) {
    this.folder = folder
    this.logFile = logFile
    this.round = round
    this.exited = null
    appendFileSync(logFile, `\n===== npm start, round ${round} =====\n`)
    this.child = spawn('npm', ['start'], {
      cwd: folder,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    for (const stream of [this.child.stdout, this.child.stderr])
      stream.on('data', (chunk) => appendFileSync(logFile, chunk))
    this.exit = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exited = signal ?? code
        resolve(this.exited)
      })
    )
  }

  tail(lines = 60) {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n')
  }

  async waitHealthy(timeoutMs) {
    const started = Date.now()
    let last = 'no answer'
    while (Date.now() - started < timeoutMs) {
      if (this.exited !== null)
        fail(`npm start exited (${this.exited}) before /health answered 200`)
      try {
        const response = await http('GET', '/health', { host: 'localhost:3333' })
        if (response.status === 200) return Date.now() - started
        last = `${response.status} ${response.text.slice(0, 300)}`
      } catch (error) {
        last = error.message
      }
      await sleep(500)
    }
    fail(`/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`)
  }

  /**
   * Ctrl-C in a terminal sends SIGINT to the foreground process group:
   * npm, and the orchestrator it runs.
   */
  async interrupt() {
    try {
      process.kill(-this.child.pid, 'SIGINT')
    } catch {}
    let timer
    const stopped = await Promise.race([
      this.exit.then(() => true),
      new Promise((resolve) => (timer = setTimeout(() => resolve(false), 60_000))),
    ])
    clearTimeout(timer)
    if (!stopped) fail('npm start did not exit within 60 s of SIGINT')
  }

  async checkNothingLeft() {
    let open = []
    let left = []
    for (let tries = 0; tries < 20; tries++) {
      open = []
      for (const [name, port] of servicePorts)
        if (await portOpen(port)) open.push(`${name} (${port})`)
      left = processesOf(this.folder)
      if (open.length === 0 && left.length === 0) return
      await sleep(250)
    }
    fail(
      `after SIGINT: ${open.length ? `ports still open: ${open.join(', ')}` : 'ports closed'}; ` +
        `${left.length ? `processes left:\n  ${left.join('\n  ')}` : 'no process left'}`
    )
  }

  kill() {
    try {
      process.kill(-this.child.pid, 'SIGKILL')
    } catch {}
    for (const line of processesOf(this.folder)) {
      try {
        process.kill(Number(line.split(' ')[0]), 'SIGKILL')
      } catch {}
    }
  }
}

async function main() {
  const busy = []
  for (const [name, port] of servicePorts) if (await portOpen(port)) busy.push(`${name} (${port})`)
  if (busy.length) fail(`ports in use before the test: ${busy.join(', ')}; stop what holds them`)

  const folder = process.env.SMOKE_DIR ?? mkdtempSync(join(tmpdir(), 'portal-smoke-'))
  if (process.env.SMOKE_DIR) {
    rmSync(folder, { recursive: true, force: true })
    mkdirSync(folder, { recursive: true })
  }
  const logFile = `${folder}.log`
  writeFileSync(logFile, '')
  const copied = copyCheckout(folder)
  say(`copied ${copied} files of the checkout (no git-ignored file) to ${folder}`)
  say(`npm start's output goes to ${logFile}`)

  let current = null
  const rounds = []
  try {
    for (const [round, timeout] of [
      [1, firstTimeout],
      [2, secondTimeout],
    ]) {
      current = new Start(folder, logFile, round)
      say(`round ${round}: npm start (healthy within ${timeout / 1000} s)`)
      const ms = await current.waitHealthy(timeout)
      say(`round ${round}: /health answered 200 after ${(ms / 1000).toFixed(1)} s`)
      const ids = await visitAsCustomer()
      rounds.push({ round, ms, ids })
      if (round === 1) {
        await checkMailDev()
        await checkNoProjectFiles()
      } else if (ids[0] !== rounds[0].ids[0])
        fail(`the second start lists other documents (first id ${ids[0]}, was ${rounds[0].ids[0]})`)
      await current.interrupt()
      await current.checkNothingLeft()
      say(`round ${round}: SIGINT stopped every process; ports 3333, 7233, 8233, 1025, 1080 closed`)
      current = null
    }
  } catch (error) {
    if (current) {
      process.stdout.write(`\n----- last lines of npm start -----\n${current.tail()}\n-----\n`)
      current.kill()
    }
    throw error
  }
  say(
    `passed: first start healthy in ${(rounds[0].ms / 1000).toFixed(1)} s, ` +
      `second in ${(rounds[1].ms / 1000).toFixed(1)} s, same demo data`
  )
  if (!process.env.SMOKE_DIR) rmSync(folder, { recursive: true, force: true })
}

const began = Date.now()
main()
  .then(() => say(`took ${((Date.now() - began) / 1000).toFixed(0)} s`))
  .catch((error) => {
    process.stdout.write(
      `\x1b[1;31m[smoke]\x1b[0m FAILED: ${error instanceof SmokeFailure ? error.message : error.stack}\n`
    )
    process.exit(1)
  })
