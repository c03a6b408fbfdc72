import { test } from '@japa/runner'
import { runAce } from '#tests/support/processes'

test.group('Operations / configuration', () => {
  test('a bad {variable} stops the boot with a message that says what is wrong')
    .with([
      {
        variable: 'PORT',
        value: 'eighty',
        message: '"PORT" must be a TCP port between 1 and 65535 (current value: "eighty")',
      },
      {
        variable: 'REDIS_URL',
        value: 'http://127.0.0.1:6379',
        message: '"REDIS_URL" must start with redis:// or rediss://',
      },
      {
        variable: 'DB_CONNECTION',
        value: 'mysql',
        message: '"DB_CONNECTION" env variable must be one of "sqlite,pg"',
      },
      {
        variable: 'TEMPORAL_ADDRESS',
        value: 'localhost',
        message: '"TEMPORAL_ADDRESS" must be host:port',
      },
      { variable: 'MAIL_FROM_ADDRESS', value: 'not-an-address', message: 'MAIL_FROM_ADDRESS' },
    ])
    .run(async ({ assert }, { variable, value, message }) => {
      const result = await runAce(['list'], { [variable]: value })
      assert.notEqual(result.code, 0)
      assert.include(result.stdout + result.stderr, message)
    })
    .timeout(60_000)
})
