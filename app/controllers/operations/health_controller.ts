import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'

/**
 * GET /health (OPS-2): 200 when the database, Redis and Temporal all answer,
 * 503 otherwise; the body names each check and what it found. Answers on any
 * host (load balancers probe by IP).
 *
 * @spec OPS-2
 */
export default class HealthController {
  async show({ response }: HttpContext) {
    const report = await healthChecks.run()
    const checks = Object.fromEntries(
      report.checks.map((check) => [check.name, { status: check.status, message: check.message }])
    )
    return response.status(report.isHealthy ? 200 : 503).send({
      status: report.isHealthy ? 'ok' : 'error',
      checks,
      finishedAt: report.finishedAt,
    })
  }
}
