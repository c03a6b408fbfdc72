import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ActivityEvent from '#models/activity_event'
import type User from '#models/user'
import { securityNotices } from '#services/security_notices'
import type { ActivityType } from '#models/activity_types'

export { ACTIVITY_TYPES, type ActivityType } from '#models/activity_types'

/**
 * A line of the activity log. Its tenant is the scope's (TEN-1's one
 * tenant rule): the caller runs inside `tenantContext.run(tenantId)`, as
 * every request on a tenant's host does.
 */
export interface ActivityInput {
  type: ActivityType
  actor?: User | null
  target?: User | null
  customerId?: number | null
  email?: string | null
  ip?: string | null
  details?: Record<string, string | number | boolean | null>
}

/** @spec TEN-9 */
export const activityLog = {
  async record(input: ActivityInput, trx?: TransactionClientContract): Promise<void> {
    const event = await ActivityEvent.create(
      {
        type: input.type,
        actorId: input.actor?.id ?? null,
        targetUserId: (input.target ?? input.actor)?.id ?? null,
        customerId: input.customerId ?? null,
        email: input.email ?? null,
        ip: input.ip ?? null,
        details: input.details ? JSON.stringify(input.details) : null,
      },
      { client: trx }
    )
    const owner = input.target ?? input.actor
    if (owner && securityNotices.concerns(input.type)) {
      await securityNotices.send(
        {
          id: event.id,
          type: input.type,
          ip: input.ip ?? null,
          createdAt: event.createdAt.toISO()!,
        },
        owner,
        input.details,
        trx
      )
    }
  },
}
