/** @spec OPS-2 */
/*
|--------------------------------------------------------------------------
| Health checks (OPS-2)
|--------------------------------------------------------------------------
|
| What GET /health runs: the database, Redis and Temporal. Each check has a
| short timeout so a dead dependency answers 503 quickly instead of hanging.
|
*/

import { HealthChecks, BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { temporal } from '#workflows/temporal'

/**
 * Temporal's frontend answers a GetSystemInfo call within two seconds.
 */
export class TemporalCheck extends BaseCheck {
  name = 'temporal'

  async run() {
    try {
      await temporal.ping(2000)
      return Result.ok(`Temporal answers at ${temporal.address}`)
    } catch (error) {
      return Result.failed(`Temporal does not answer at ${temporal.address}`, error as Error)
    }
  }
}

/**
 * Redis answers PING within two seconds (the stock check waits for the
 * client's own retries).
 */
export class QuickRedisCheck extends BaseCheck {
  name = 'redis'
  #check = new RedisCheck(redis.connection())

  async run(): Promise<HealthCheckResult> {
    const timeout = new Promise<HealthCheckResult>((resolve) =>
      setTimeout(
        () => resolve(Result.failed('Redis did not answer within 2 seconds')),
        2000
      ).unref()
    )
    return Promise.race([this.#check.run(), timeout])
  }
}

export const healthChecks = new HealthChecks().register([
  new DbCheck(db.connection()).as('database'),
  new QuickRedisCheck(),
  new TemporalCheck(),
])
