import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client'
import temporalConfig from '#config/temporal'

/**
 * The process's Temporal client: one gRPC connection, opened on first use
 * (the web server boots even while Temporal is still starting).
 */
class TemporalClients {
  #client: Promise<Client> | undefined
  #connection: Connection | undefined

  get address(): string {
    return temporalConfig.address
  }

  get namespace(): string {
    return temporalConfig.namespace
  }

  get taskQueue(): string {
    return temporalConfig.taskQueue
  }

  client(): Promise<Client> {
    this.#client ??= Connection.connect({ address: this.address, connectTimeout: '5 seconds' })
      .then((connection) => {
        this.#connection = connection
        return new Client({ connection, namespace: this.namespace })
      })
      .catch((error) => {
        this.#client = undefined
        throw error
      })
    return this.#client
  }

  /**
   * Answers when the frontend service is reachable (for /health).
   */
  async ping(timeoutMs = 2000): Promise<void> {
    const client = await withTimeout(this.client(), timeoutMs, 'Temporal did not answer')
    await withTimeout(
      client.workflowService.getSystemInfo({}),
      timeoutMs,
      'Temporal did not answer'
    )
  }

  async close() {
    const connection = this.#connection
    this.#client = undefined
    this.#connection = undefined
    await connection?.close()
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })
}

export const temporal = new TemporalClients()

/**
 * Starting a workflow whose id already runs counts as success: the caller
 * wanted it running, and it is.
 */
export function isAlreadyStarted(error: unknown): boolean {
  return error instanceof WorkflowExecutionAlreadyStartedError
}
