import type { Group } from '@japa/runner/core'
import redis from '@adonisjs/redis/services/main'
import { TenantResolver } from '#tenancy/tenant_resolver'
import { truncateAll } from '#tests/support/database'
import { maildev } from '#tests/support/maildev'

/**
 * The clean slate a test starts from, the same for every suite: an empty
 * Redis (sessions, rate limits, queued jobs), empty tables, an empty MailDev
 * inbox and no remembered host lookups. The services themselves keep running
 * (tests/bootstrap.ts starts them once); truncation, not transactions,
 * because the worker and the HTTP server use their own connections.
 */
export async function freshWorld(): Promise<void> {
  await redis.connection().flushdb()
  await truncateAll()
  await maildev.clear()
  TenantResolver.flush()
}

/**
 * Starts each test of the group from `freshWorld()`; with `{ once: true }`,
 * the group's tests share what they build, from one reset before the first.
 *
 * ```ts
 * test.group('Documents / list', (group) => {
 *   resetWorld(group)
 *   ...
 * })
 * ```
 */
export function resetWorld(group: Group, options: { once?: boolean } = {}): void {
  if (options.once) group.setup(() => freshWorld())
  else group.each.setup(() => freshWorld())
}
