/**
 * bench/http: requests per second and latency of
 *   1. a bare node:http handler (the baseline),
 *   2. the same JSON route on Adonis' HTTP server with no middleware,
 *   3. that route through the application's full stack (tenant, locale,
 *      session, shield, auth, bouncer, Inertia middleware),
 *   4. the tenant's login page (full stack plus an Inertia page render),
 *   5. (3) and (4) again with four generated plugins installed and enabled
 *      for the tenant (menus, permissions, a slot on the login page),
 * all in one run, one server at a time, measured with autocannon from this
 * process. Targets: (2) >= 0.9x (1); (3) >= 0.5x (1); (5) within 5 % of (3).
 * The plugins are written by bench/http/plugins.ts (PLUGINS_PATHS of the
 * server, enabled by run.sh before measuring).
 *
 * Run with `bash bench/http/run.sh` (it provisions and prepares the data).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import autocannon from 'autocannon'
import { BENCH_PLUGINS_ROOT } from './plugins.ts'

const connections = Number(process.env.BENCH_CONNECTIONS ?? 20)
const duration = Number(process.env.BENCH_SECONDS ?? 10)
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const port = 3340

interface Target {
  name: string
  server: string
  path: string
  host?: string
  /** Send the cookies a first visit received (a returning visitor). */
  returning?: boolean
  /** The server runs with the four bench plugins installed (and enabled for the tenant). */
  plugins?: boolean
}

const targets: Target[] = [
  { name: 'node:http (baseline)', server: 'node_server.js', path: '/bench.json' },
  { name: 'Adonis, no middleware', server: 'adonis_bare_server.js', path: '/bench.json' },
  {
    name: 'Adonis, full stack (JSON), new visitor',
    server: 'app_server.js',
    path: '/bench.json',
    host: `demo.localhost:${port}`,
  },
  {
    name: 'Adonis, full stack (JSON), returning visitor',
    server: 'app_server.js',
    path: '/bench.json',
    host: `demo.localhost:${port}`,
    returning: true,
  },
  {
    name: 'Login page (full stack + Inertia), new visitor',
    server: 'app_server.js',
    path: '/login',
    host: `demo.localhost:${port}`,
  },
  {
    name: 'Login page (full stack + Inertia), returning visitor',
    server: 'app_server.js',
    path: '/login',
    host: `demo.localhost:${port}`,
    returning: true,
  },
  {
    name: 'Adonis, full stack (JSON), returning visitor, 4 plugins enabled',
    server: 'app_server.js',
    path: '/bench.json',
    host: `demo.localhost:${port}`,
    returning: true,
    plugins: true,
  },
  {
    name: 'Login page (full stack + Inertia), returning visitor, 4 plugins enabled',
    server: 'app_server.js',
    path: '/login',
    host: `demo.localhost:${port}`,
    returning: true,
    plugins: true,
  },
]

/**
 * Servers run from the production build (`node ace build`, plain JavaScript,
 * no TypeScript loader), as an operator runs them.
 */
function startServer(script: string, plugins: boolean): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(`bench/http/servers/${script}`, [], {
      cwd: 'build',
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PLUGINS_PATHS: plugins ? `plugins,${BENCH_PLUGINS_ROOT}` : 'plugins',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 60_000)
    child.on('message', (message) => {
      if (message === 'ready') {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}

async function stopServer(child: ChildProcess) {
  child.removeAllListeners('exit')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/**
 * The Cookie header a browser would send back after a first visit.
 */
async function cookiesOfFirstVisit(target: Target): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${target.path}`, {
    headers: target.host ? { host: target.host } : {},
  })
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

async function measure(target: Target, seconds: number) {
  const headers: Record<string, string> = target.host ? { host: target.host } : {}
  if (target.returning) headers.cookie = await cookiesOfFirstVisit(target)
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${target.path}`,
    connections,
    duration: seconds,
    headers,
  })
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  }
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.throughput.average / Math.max(result.requests.average, 1),
  }
}

/**
 * Several rounds, each running every target once, and the median per
 * target: the machine's noise hits baseline and targets alike.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const samples = new Map<Target, Awaited<ReturnType<typeof measure>>[]>(
  targets.map((target) => [target, []])
)
for (let round = 1; round <= rounds; round++) {
  let running: { key: string; child: ChildProcess } | undefined
  for (const target of targets) {
    const key = `${target.server}${target.plugins ? '+plugins' : ''}`
    if (running?.key !== key) {
      if (running) await stopServer(running.child)
      running = { key, child: await startServer(target.server, !!target.plugins) }
    }
    await measure(target, warmup)
    const sample = await measure(target, duration)
    samples.get(target)!.push(sample)
    console.error(
      `round ${round}/${rounds} ${target.name}: ${sample.requestsPerSecond.toFixed(0)} req/s`
    )
  }
  if (running) await stopServer(running.child)
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const rows = targets.map((target) => {
  const runs = samples.get(target)!
  return {
    ...target,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    bytes: median(runs.map((run) => run.bytes)),
  }
})

const baseline = rows[0].requestsPerSecond
const ratio = (index: number) => rows[index].requestsPerSecond / baseline
const checks = [
  { what: 'Adonis without middleware >= 0.9x node:http', ratio: ratio(1), target: 0.9 },
  { what: 'full stack (JSON, new visitor) >= 0.5x node:http', ratio: ratio(2), target: 0.5 },
  { what: 'full stack (JSON, returning visitor) >= 0.5x node:http', ratio: ratio(3), target: 0.5 },
  {
    what: 'full stack (JSON) with 4 plugins enabled >= 0.95x without',
    ratio: rows[6].requestsPerSecond / rows[3].requestsPerSecond,
    target: 0.95,
  },
  {
    what: 'login page with 4 plugins enabled (a slot each) >= 0.95x without',
    ratio: rows[7].requestsPerSecond / rows[5].requestsPerSecond,
    target: 0.95,
  },
]

console.log(
  `\nbench/http — ${connections} connections, ${duration} s per target (after ${warmup} s warm-up), Node ${process.version}\n`
)
console.log('| target | req/s | p50 ms | p99 ms | x node:http |')
console.log('|---|---:|---:|---:|---:|')
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${(row.requestsPerSecond / baseline).toFixed(2)} |`
  )
}
console.log('')
for (const check of checks) {
  console.log(
    `${check.ratio >= check.target ? 'PASS' : 'MISS'}  ${check.what}: ${check.ratio.toFixed(2)}x`
  )
}

mkdirSync('tmp/bench', { recursive: true })
writeFileSync(
  'tmp/bench/http.json',
  JSON.stringify({ connections, duration, rows, checks }, null, 2)
)
