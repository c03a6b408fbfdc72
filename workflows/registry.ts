import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'
import type { Processor } from 'bullmq'
import { PluginRegistry } from '#plugins/registry'
import { importEntry, moduleFile } from '#plugins/paths'
import { coreServices, type CoreServices } from '#plugins/services'
import { createInvitationActivities } from '#workflows/invitations/activities'
import { createEmailCodeActivities } from '#workflows/email_codes/activities'
import { MailOutbox } from '#services/mail_outbox'
import { CORE_QUEUES } from '#jobs/queues'
import { sendMailJob } from '#jobs/send_mail_job'
import { buildZipJob } from '#jobs/build_zip_job'
import { notificationsJob } from '#jobs/notify_batch_job'
import { purgeExpiredDownloads } from '#jobs/purge_downloads_job'

/**
 * A BullMQ queue and the processor the worker runs for it.
 */
export interface JobDefinition {
  queue: string
  processor: Processor
  concurrency?: number
  /** A job the worker schedules itself (BullMQ job scheduler): its name and period. */
  every?: { name: string; ms: number }
}

/**
 * What a plugin's `entry.activities` module exports: a factory of activities
 * that receives the core's services (app/plugins/services.ts), its only way
 * to mail, store files, publish documents, log activity and ask who reaches
 * which customer numbers.
 */
export type ActivitiesFactory = (
  services: CoreServices
) => Record<string, (...args: any[]) => Promise<unknown>>

const coreWorkflows = moduleFile(fileURLToPath(new URL('./index.ts', import.meta.url)))

async function installedPlugins() {
  const registry = await app.container.make(PluginRegistry)
  return registry.all()
}

/**
 * The BullMQ queues and processors of the core and of every installed plugin.
 */
export async function loadJobDefinitions(): Promise<JobDefinition[]> {
  const jobs: JobDefinition[] = [
    { queue: CORE_QUEUES.mail, processor: sendMailJob, concurrency: 10 },
    { queue: CORE_QUEUES.zip, processor: buildZipJob, concurrency: 2 },
    { queue: CORE_QUEUES.notifications, processor: notificationsJob, concurrency: 2 },
    {
      queue: CORE_QUEUES.maintenance,
      processor: purgeExpiredDownloads,
      every: { name: 'purge-expired-downloads', ms: 3600_000 },
    },
  ]
  for (const plugin of await installedPlugins()) {
    const entry = plugin.manifest.entry?.jobs
    if (!entry) continue
    jobs.push(...(await importEntry<JobDefinition[]>(plugin.folder, entry)))
  }
  return jobs
}

/**
 * The core's workflows, activities and jobs, plus every installed plugin's.
 * A plugin's workflows only ever run for tenants that enabled it: only its
 * own routes and jobs start them, and those are closed to other tenants.
 */
export async function loadWorkerRegistry() {
  const outbox = new MailOutbox()
  const activities: Record<string, (...args: any[]) => Promise<unknown>> = {
    ...createInvitationActivities({ outbox }),
    ...createEmailCodeActivities({ outbox }),
  }
  const workflowModules = [coreWorkflows]

  for (const plugin of await installedPlugins()) {
    const entry = plugin.manifest.entry ?? {}
    if (entry.workflows) workflowModules.push(moduleFile(join(plugin.folder, entry.workflows)))
    if (entry.activities) {
      const factory = await importEntry<ActivitiesFactory>(plugin.folder, entry.activities)
      Object.assign(activities, factory(coreServices(plugin.id)))
    }
  }

  return {
    activities,
    jobs: await loadJobDefinitions(),
    workflowsPath: workflowEntry(workflowModules),
  }
}

/**
 * One module re-exporting every workflow, for Temporal's bundler.
 */
function workflowEntry(modules: string[]): string {
  if (modules.length === 1) return modules[0]
  const dir = app.tmpPath('workflows')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'entry.ts')
  writeFileSync(file, modules.map((path) => `export * from ${JSON.stringify(path)}\n`).join(''))
  return file
}
