import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry, type LoadedPlugin } from '#plugins/registry'
import { tenantContext } from '#tenancy/tenant_context'
import { temporal } from '#workflows/temporal'

/** What a scheduled workflow receives (versioned like every workflow input). */
export interface ScheduledInput {
  v: 1
  tenantId: number
  [key: string]: unknown
}

/**
 * Temporal Schedules of the plugins, one per (plugin schedule, tenant):
 * id `<plugin id>-<schedule id>-t<tenant id>`, visible in Temporal UI under
 * Schedules. Created or updated when a tenant enables the plugin, paused when
 * it disables it, deleted when its data is purged. The worker reconciles them
 * all at start, so a change made while Temporal was away is caught up.
 * Workflows run on the shared task queue; times are Brussels time.
 */
export function scheduleId(pluginId: string, id: string, tenantId: number) {
  return `${pluginId}-${id}-t${tenantId}`
}

const TIMEZONE = 'Europe/Brussels'

function definition(
  plugin: LoadedPlugin,
  schedule: NonNullable<LoadedPlugin['manifest']['schedules']>[number],
  tenantId: number
) {
  const spec: ScheduleSpec = { cronExpressions: [schedule.cron], timezone: TIMEZONE }
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: schedule.workflow,
    workflowId: scheduleId(plugin.id, schedule.id, tenantId),
    taskQueue: temporal.taskQueue,
    args: [{ v: 1, tenantId, ...schedule.input } satisfies ScheduledInput],
  }
  return { spec, action }
}

async function pluginOf(pluginId: string): Promise<LoadedPlugin | undefined> {
  const registry = await app.container.make(PluginRegistry)
  return registry.get(pluginId)
}

export const pluginSchedules = {
  /**
   * Creates or updates the plugin's schedules for the tenant, running when
   * `enabled`, paused otherwise. Idempotent.
   */
  async sync(pluginId: string, tenantId: number, enabled: boolean): Promise<string[]> {
    const plugin = await pluginOf(pluginId)
    const schedules = plugin?.manifest.schedules ?? []
    if (!plugin || schedules.length === 0) return []
    const client = await temporal.client()
    const ids: string[] = []
    for (const schedule of schedules) {
      const id = scheduleId(plugin.id, schedule.id, tenantId)
      const { spec, action } = definition(plugin, schedule, tenantId)
      const note = enabled ? 'plugin enabled' : 'plugin disabled for the tenant'
      try {
        await client.schedule.create({
          scheduleId: id,
          spec,
          action,
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
          state: { paused: !enabled, note },
        })
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error
        const handle = client.schedule.getHandle(id)
        await handle.update((previous) => ({ ...previous, spec, action }))
        const described = await handle.describe()
        if (described.state.paused && enabled) await handle.unpause(note)
        if (!described.state.paused && !enabled) await handle.pause(note)
      }
      ids.push(id)
    }
    return ids
  },

  /** Deletes the plugin's schedules of the tenant (its data is purged). */
  async remove(pluginId: string, tenantId: number, ids?: string[]): Promise<void> {
    const plugin = await pluginOf(pluginId)
    const all =
      ids ??
      (plugin?.manifest.schedules ?? []).map((entry) => scheduleId(pluginId, entry.id, tenantId))
    const client = await temporal.client()
    for (const id of all) {
      try {
        await client.schedule.getHandle(id).delete()
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error
      }
    }
  },

  /**
   * Tries to sync now; when Temporal does not answer, the worker's
   * reconciliation at its next start catches up (logged, not an error for
   * the admin who enabled the plugin).
   */
  async syncSoon(pluginId: string, tenantId: number, enabled: boolean): Promise<void> {
    try {
      await this.sync(pluginId, tenantId, enabled)
    } catch (error) {
      logger.warn({ err: error, plugin: pluginId, tenant: tenantId }, 'plugin schedules not synced')
    }
  },

  /** Every tenant's schedules of every installed plugin, as the tenant_plugins rows say. */
  async reconcile(): Promise<number> {
    const registry = await app.container.make(PluginRegistry)
    const withSchedules = registry.all().filter((plugin) => plugin.manifest.schedules?.length)
    if (withSchedules.length === 0) return 0
    const rows = await tenantContext.runUnscoped('schedule reconciliation', () =>
      TenantPlugin.query().whereIn(
        'plugin_id',
        withSchedules.map((plugin) => plugin.id)
      )
    )
    let synced = 0
    for (const row of rows) {
      const ids = await this.sync(row.pluginId, row.tenantId, row.enabled)
      synced += ids.length
    }
    return synced
  },
}
