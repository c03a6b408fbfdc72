/**
 * What the application server and the baseline share: the server-side
 * timer and the messages bench.ts sends them over IPC.
 */
import type { ServerResponse } from 'node:http'

export interface CapturedQuery {
  sql: string
  bindings: unknown[]
}

export type BenchMessage =
  | { id: number; type: 'capture'; on: boolean }
  | { id: number; type: 'captured'; key: string }
  | { id: number; type: 'timings' }
  | { id: number; type: 'scenarios'; scenarios: Record<string, CapturedQuery[]> }

/**
 * Server time of each request: from the moment node:http hands it over
 * (headers parsed) to the `finish` of its response (the last byte handed to
 * the kernel). `take()` returns the durations in ms since the last call.
 */
export class ServerTimer {
  #durations: number[] = []

  time(response: ServerResponse) {
    const started = process.hrtime.bigint()
    response.once('finish', () => {
      this.#durations.push(Number(process.hrtime.bigint() - started) / 1e6)
    })
  }

  take(): number[] {
    const durations = this.#durations
    this.#durations = []
    return durations
  }
}
