import { spawn, type ChildProcess } from 'node:child_process'
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
    throw new Error(`Temporal CLI not found at ${path}: run the tests with "npm test", which provisions it`)
  }
  return path
}

export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  const [ip, port] = env.get('TEMPORAL_ADDRESS').split(':')
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip,
      port: Number(port),
      namespace: env.get('TEMPORAL_NAMESPACE'),
      log: { format: 'pretty', level: 'error' },
    },
  })
}

/**
 * MailDev's command-line entry (the target of node_modules/.bin/maildev).
 */
export function maildevBin(): string {
  return realpathSync(join(process.cwd(), 'node_modules', '.bin', 'maildev'))
}

export async function startMailDev(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      maildevBin(),
      '--smtp', String(env.get('SMTP_PORT')),
      '--web', String(maildevPort),
      '--ip', '127.0.0.1',
      '--web-ip', '127.0.0.1',
      '--silent',
    ],
    { stdio: 'ignore' }
  )
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
