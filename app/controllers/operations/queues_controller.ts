import type { HttpContext } from '@adonisjs/core/http'
import { createRequire } from 'node:module'
import { queuePrefix, TrackedQueue } from '#jobs/queues'
import { redisOptions } from '#config/redis'
import { loadJobDefinitions } from '#workflows/registry'

const require = createRequire(import.meta.url)

type Handler = (req: unknown, res: unknown, next: (error?: unknown) => void) => void
let arena: Handler | undefined

/**
 * bull-arena, mounted inside the app on the operator host (OPS-1): every
 * tenant's queues, for platform operators only (the `ops` middleware: a
 * password and a code). No tenant's admin reaches it. Queue payloads carry
 * ids (and encrypted values), never readable personal data.
 */
async function arenaApp(): Promise<Handler> {
  if (arena) return arena
  const Arena = require('bull-arena')
  const jobs = await loadJobDefinitions()
  const names = [...new Set(jobs.map((job) => job.queue))]
  arena = Arena(
    {
      BullMQ: TrackedQueue,
      queues: names.map((name) => ({
        type: 'bullmq',
        name,
        hostId: 'portal',
        prefix: queuePrefix,
        redis: { ...redisOptions, maxRetriesPerRequest: 1 },
      })),
    },
    { basePath: '/queues', disableListen: true, useCdn: false }
  ) as Handler
  return arena
}

/** `Origin: null`, a missing or malformed origin: not this host. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host || !URL.canParse(origin)) return false
  return new URL(origin).host === host
}

/** @spec OPS-1 */
export default class QueuesController {
  /**
   * Hands the raw request to the Express app and waits for it to answer.
   * State-changing calls (retry, remove) must come from this same origin:
   * bull-arena's own XHR does not carry our CSRF token.
   */
  async handle({ request, response }: HttpContext) {
    if (request.method() !== 'GET' && request.method() !== 'HEAD') {
      if (!sameOrigin(request.header('origin'), request.header('host'))) {
        return response.forbidden({
          code: 'E_CROSS_ORIGIN',
          message: 'Cross-origin request refused',
        })
      }
    }

    const handler = await arenaApp()
    const req = request.request as any
    const res = response.response
    // Adonis already read the body; hand it over instead of a drained stream.
    req._body = true
    req.body = request.body()

    await new Promise<void>((resolve, reject) => {
      res.once('finish', () => resolve())
      res.once('close', () => resolve())
      handler(req, res, (error?: unknown) => {
        if (error) reject(error)
        else {
          response.notFound()
          resolve()
        }
      })
    })
  }
}
