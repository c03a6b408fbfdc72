import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import User from '#models/user'
import { tenantContext } from '#tenancy/tenant_context'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { createCustomer } from '#tests/support/accounts'

/**
 * Another process writing to the same SQLite file, as the worker does: a
 * write transaction every 25 ms, each holding the lock 10 ms.
 */
function startWriter(file: string, tenantId: number): ChildProcess {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(process.argv[1])
    db.pragma('busy_timeout = 5000')
    const touch = db.prepare('UPDATE tenants SET updated_at = updated_at WHERE id = ?')
    setInterval(() => {
      db.exec('BEGIN IMMEDIATE')
      touch.run(Number(process.argv[2]))
      const until = Date.now() + 10
      while (Date.now() < until) {}
      db.exec('COMMIT')
    }, 25)
  `
  return spawn(process.execPath, ['-e', script, file, String(tenantId)], {
    cwd: app.makePath(),
    stdio: 'ignore',
  })
}

test.group('Operations / SQLite under concurrent writers', (group) => {
  resetWorld(group)

  test('20 registrations while another process writes: none fails, every one is stored', async ({
    client,
    assert,
  }) => {
    const tenants = [
      await TenantFactory.merge({ registrationStyles: 'customer_email' }).create(),
      await TenantFactory.merge({ registrationStyles: 'customer_email' }).create(),
    ]
    for (const tenant of tenants) {
      const { numbers } = await createCustomer(tenant, 'Resident', ['EAN541000'], null)
      await tenantContext.run(tenant.id, async () => {
        numbers[0].contactEmail = 'billing@home.example'
        await numbers[0].save()
      })
    }
    const writer = startWriter(
      resolve(app.makePath(), env.get('SQLITE_PATH') ?? app.tmpPath('db.sqlite3')),
      tenants[0].id
    )
    try {
      await new Promise((done) => setTimeout(done, 300))
      // The per-IP limit is 10 registrations an hour: 10 on each of two tenants.
      const responses = await Promise.all(
        tenants.flatMap((tenant) =>
          Array.from({ length: 10 }, (_, index) =>
            client
              .post('/register/email')
              .forTenant(tenant.slug)
              .withCsrfToken()
              .form({
                customerNumber: 'EAN541000',
                email: 'billing@home.example',
                loginEmail: `resident${index}@home.example`,
                password: 'a-long-enough-password',
                passwordConfirmation: 'a-long-enough-password',
              })
              .redirects(0)
          )
        )
      )
      assert.deepEqual(
        responses.map((response) => response.status()),
        Array(20).fill(302)
      )
    } finally {
      writer.kill('SIGKILL')
    }
    for (const tenant of tenants) {
      const users = await tenantContext.run(tenant.id, () =>
        User.query().where('status', 'invited')
      )
      assert.lengthOf(users, 10)
    }
  })
    .skip(env.get('DB_CONNECTION') !== 'sqlite', 'SQLite only')
    .timeout(60_000)
})
