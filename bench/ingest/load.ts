/**
 * The documents list under a steady load while the rest of the benchmark
 * runs: autocannon from this process, at a fixed rate over a few
 * connections (the same offered load idle and during the import, so the
 * latencies compare like with like), every answer recorded with the time
 * it arrived; the statistics are cut per window afterwards (idle, import,
 * fan-out).
 */
import autocannon from 'autocannon'

interface Sample {
  at: number
  ms: number
  ok: boolean
}

export interface WindowStats {
  requests: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  errors: number
}

export function percentile(values: number[], p: number) {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export class ListLoad {
  #samples: Sample[] = []
  #errors: number[] = []
  #instance: autocannon.Instance | undefined
  #done: Promise<void> | undefined

  constructor(
    protected options: {
      url: string
      headers: Record<string, string>
      connections: number
      /** Requests per second over all connections; 0: as fast as they go. */
      rate: number
    }
  ) {}

  start() {
    this.#done = new Promise((resolve, reject) => {
      this.#instance = autocannon(
        {
          url: this.options.url,
          headers: this.options.headers,
          connections: this.options.connections,
          ...(this.options.rate > 0 ? { overallRate: this.options.rate } : {}),
          duration: 24 * 3600,
          timeout: 60,
        },
        (error) => (error ? reject(error) : resolve())
      )
      this.#instance.on('response', (_client, status, _bytes, ms) => {
        this.#samples.push({ at: Date.now(), ms, ok: status >= 200 && status < 300 })
      })
      this.#instance.on('reqError', () => this.#errors.push(Date.now()))
    })
  }

  async stop() {
    this.#instance?.stop()
    await this.#done
  }

  /** The answers that arrived in [from, to). */
  window(from: number, to: number): WindowStats {
    const samples = this.#samples.filter((s) => s.at >= from && s.at < to)
    const ms = samples.map((s) => s.ms)
    const seconds = Math.max((to - from) / 1000, 0.001)
    return {
      requests: samples.length,
      perSecond: samples.length / seconds,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      max: ms.length ? ms.reduce((a, b) => Math.max(a, b), 0) : Number.NaN,
      errors:
        samples.filter((s) => !s.ok).length +
        this.#errors.filter((at) => at >= from && at < to).length,
    }
  }
}
