/**
 * The application's processes of bench/ingest, run from the production
 * build as an operator runs them (`node bin/server.js`, `node ace …`), each
 * with its output in a log file; their peak memory read from the kernel
 * (VmHWM, or GNU time's maximum resident set size for the import).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs'

export interface Started {
  child: ChildProcess
  log: string
}

export function start(
  name: string,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string
): Started {
  const fd = openSync(log, 'w')
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`[bench] ${name} exited with ${code} (see ${log})`)
    else if (signal && signal !== 'SIGTERM') console.error(`[bench] ${name} ended by ${signal}`)
  })
  return { child, log }
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  process?: Started,
  timeoutMs = 90_000
) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (process && process.child.exitCode !== null) {
      throw new Error(`${what}: the process exited (${process.child.exitCode}); see ${process.log}`)
    }
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export function logHas(started: Started, text: string) {
  return readFileSync(started.log, 'utf8').includes(text)
}

/** Peak resident set size so far (VmHWM), in MB; null once the process is gone. */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1])
    return Number.isFinite(kb) ? kb / 1024 : null
  } catch {
    return null
  }
}

export async function stop(started: Started | undefined) {
  if (!started || started.child.exitCode !== null || started.child.signalCode) return
  const exited = new Promise((resolve) => started.child.once('exit', resolve))
  started.child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
  if (started.child.exitCode === null && !started.child.signalCode) started.child.kill('SIGKILL')
}

export interface RunResult {
  code: number
  seconds: number
  /** Peak RSS of the node process, in MB. */
  peakRssMb: number
  /** How the peak was measured. */
  peakFrom: string
  userSeconds: number | null
  systemSeconds: number | null
  stdout: string
}

const GNU_TIME = '/usr/bin/time'

/**
 * Runs `node <args>` to its end, timed; its peak memory from GNU time
 * (`%M`, the maximum resident set size the kernel recorded) when installed,
 * else sampled from /proc/<pid>/status (VmHWM) every 100 ms.
 */
export async function runMeasured(
  cwd: string,
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  timeFile: string,
  onOutput: (chunk: Buffer) => void = () => {}
): Promise<RunResult> {
  const gnuTime = existsSync(GNU_TIME)
  const started = process.hrtime.bigint()
  const child = gnuTime
    ? spawn(GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...nodeArgs], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, nodeArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const take = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    onOutput(chunk)
  }
  child.stdout!.on('data', take)
  child.stderr!.on('data', take)
  let sampled = 0
  const sampler = gnuTime
    ? null
    : setInterval(() => {
        sampled = Math.max(sampled, peakRssMb(child.pid) ?? 0)
      }, 100)
  const code: number = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode) => resolve(exitCode ?? 1))
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (sampler) clearInterval(sampler)
  if (gnuTime) {
    const [maxKb, user, system] = readFileSync(timeFile, 'utf8')
      .trim()
      .split('\n')
      .pop()!
      .split(' ')
    return {
      code,
      seconds,
      peakRssMb: Number(maxKb) / 1024,
      peakFrom: 'GNU time, maximum resident set size',
      userSeconds: Number(user),
      systemSeconds: Number(system),
      stdout: output,
    }
  }
  return {
    code,
    seconds,
    peakRssMb: sampled,
    peakFrom: '/proc/<pid>/status VmHWM, sampled every 100 ms',
    userSeconds: null,
    systemSeconds: null,
    stdout: output,
  }
}
