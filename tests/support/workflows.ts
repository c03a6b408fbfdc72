import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import {
  bundleWorkflowCode,
  DefaultLogger,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker'
import type { Client } from '@temporalio/client'
import { temporalTestEnv } from '#tests/support/services'

/**
 * Workflow-level tests (tests/workflows): a workflow module runs on the
 * suite's Temporal dev server (real timers, so durations are passed short
 * through the workflow's input) in a worker of its own, on a task queue no
 * other worker polls, with stand-in activities the test controls and reads.
 */

/** Bundles a workflow module of the repository (e.g. 'workflows/invitations/workflows.ts') once. */
export function bundleWorkflows(path: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL(`../../${path}`, import.meta.url)),
    logger: new DefaultLogger('WARN'),
  })
}

/** One call of a stand-in activity: its arguments and when it ran (epoch ms). */
export interface ActivityCall {
  name: string
  args: unknown[]
  at: number
}

type Activities = Record<string, (...args: any[]) => Promise<unknown>>

/**
 * Stand-in activities that record each call before doing what the test
 * says (`impl`): the test then asserts which ran, with what, and when.
 */
export function recordedActivities<A extends Activities>(impl: A) {
  const calls: ActivityCall[] = []
  const activities = Object.fromEntries(
    Object.entries(impl).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls.push({ name, args, at: Date.now() })
        return fn(...args)
      },
    ])
  ) as A
  return {
    activities,
    calls,
    /** The calls of one activity, in order. */
    of: (name: keyof A) => calls.filter((call) => call.name === name),
  }
}

/**
 * Runs `fn` while a worker with this bundle and these activities polls a
 * fresh task queue; the worker stops when `fn` settles.
 */
export async function withWorker<T>(
  bundle: WorkflowBundleWithSourceMap,
  activities: Activities,
  fn: (context: { client: Client; taskQueue: string }) => Promise<T>
): Promise<T> {
  const env = temporalTestEnv()
  const taskQueue = `workflow-test-${randomUUID()}`
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: bundle,
    activities,
  })
  return worker.runUntil(fn({ client: env.client, taskQueue }))
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
