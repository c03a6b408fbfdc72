import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { existsSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { TestWorkflowEnvironment } from '@temporalio/testing'
import env from '#start/env'
import { maildevPort } from '#tests/support/maildev'

/**
 * The real services the suite runs against: a Temporal dev server (the CLI
 * `npm test` provisioned), MailDev, Redis and the database. Started once for
 * the whole run.
 */
export function temporalCliPath(): string {
  const path =
    process.env.TEMPORAL_CLI_PATH ??
    join(homedir(), '.cache', 'portal-platform', 'temporal-v1.5.1', 'temporal')
  if (!existsSync(path)) {
    throw new Error(
      `Temporal CLI not found at ${path}: run the tests with "npm test", which provisions it`
    )
  }
  return path
}

/**
 * Refuses to start on a port something else holds (a previous run that was
 * killed, the demo): the suite would talk to the wrong server.
 */
async function ensureFree(port: number, what: string) {
  const taken = await new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
  if (taken) {
    throw new Error(
      `Port ${port} (${what} of the test suite) is already in use: a previous test run may still be running. Stop it and run again.`
    )
  }
}

let temporalEnvironment: TestWorkflowEnvironment | undefined

/**
 * The suite's Temporal dev server (started once by tests/bootstrap.ts): its
 * client and worker connection, for the workflow-level tests.
 */
export function temporalTestEnv(): TestWorkflowEnvironment {
  if (!temporalEnvironment) throw new Error('Temporal is not running: tests/bootstrap.ts starts it')
  return temporalEnvironment
}

export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  const [ip, port] = env.get('TEMPORAL_ADDRESS').split(':')
  await ensureFree(Number(port), 'Temporal')
  temporalEnvironment = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip,
      port: Number(port),
      namespace: env.get('TEMPORAL_NAMESPACE'),
      log: { format: 'pretty', level: 'error' },
      // Temporal UI as npm start runs it, behind the operator host's /temporal/.
      uiPort: Number(new URL(env.get('TEMPORAL_UI_URL')).port),
      extraArgs: ['--ui-ip', '127.0.0.1', '--ui-public-path', '/temporal'],
    },
  })
  return temporalEnvironment
}

/**
 * MailDev's command-line entry (the target of node_modules/.bin/maildev).
 */
export function maildevBin(): string {
  return realpathSync(join(process.cwd(), 'node_modules', '.bin', 'maildev'))
}

export async function startMailDev(): Promise<ChildProcess> {
  await ensureFree(env.get('SMTP_PORT'), 'MailDev SMTP')
  await ensureFree(maildevPort, 'MailDev API')
  const child = spawn(
    process.execPath,
    [
      maildevBin(),
      '--smtp',
      String(env.get('SMTP_PORT')),
      '--web',
      String(maildevPort),
      '--ip',
      '127.0.0.1',
      '--web-ip',
      '127.0.0.1',
      '--silent',
    ],
    { stdio: 'ignore' }
  )
  // Never outlive the test process, whatever way it ends.
  process.once('exit', () => child.kill())
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${maildevPort}/api/email`)
      if (response.ok) return child
    } catch {}
    if (child.exitCode !== null) throw new Error(`MailDev exited with code ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error('MailDev did not start within 20 seconds')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
