/** @spec OPS-2 */
import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Starts a second web server process with some settings changed, waits until
 * it answers, and returns it with a stop function.
 */
async function startServer(
  env: Record<string, string>
): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/server.ts'],
    {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'fatal', ...env },
      stdio: 'ignore',
    }
  )
  const url = `http://127.0.0.1:${env.PORT}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      await fetch(`${url}/health`)
      return { url, stop: () => child.kill('SIGTERM') }
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('server did not start')
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

test.group('Operations / health', () => {
  test('answers 200 naming each check when database, Redis and Temporal answer', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.status, 'ok')
    assert.deepEqual(Object.keys(body.checks).sort(), ['database', 'redis', 'temporal'])
    for (const check of Object.values(body.checks) as { status: string }[])
      assert.equal(check.status, 'ok')
  })

  test('answers on any host, tenant or not', async ({ client }) => {
    const response = await client.get('/health').header('Host', 'whatever.example')
    response.assertStatus(200)
  })

  test('answers 503 naming Redis when Redis is unreachable', async ({ assert }) => {
    const server = await startServer({ PORT: '3391', REDIS_URL: 'redis://127.0.0.1:6391/0' })
    try {
      const started = Date.now()
      const response = await fetch(`${server.url}/health`)
      const body = (await response.json()) as any
      assert.equal(response.status, 503)
      assert.equal(body.status, 'error')
      assert.equal(body.checks.redis.status, 'error')
      assert.equal(body.checks.database.status, 'ok')
      assert.equal(body.checks.temporal.status, 'ok')
      assert.isBelow(Date.now() - started, 10_000, 'a dead Redis must not hang the health check')
    } finally {
      server.stop()
    }
  }).timeout(90_000)

  test('answers 503 naming Temporal when Temporal is unreachable', async ({ assert }) => {
    const server = await startServer({ PORT: '3392', TEMPORAL_ADDRESS: '127.0.0.1:7299' })
    try {
      const response = await fetch(`${server.url}/health`)
      const body = (await response.json()) as any
      assert.equal(response.status, 503)
      assert.equal(body.checks.temporal.status, 'error')
      assert.equal(body.checks.redis.status, 'ok')
    } finally {
      server.stop()
    }
  }).timeout(90_000)
})
