import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import logger from '@adonisjs/core/services/logger'
import { WorkerHost } from '#workflows/worker'

/**
 * `node ace worker`: the Temporal worker and the BullMQ workers in one
 * process. Run as many as the load needs; they share Temporal and Redis.
 */
export default class WorkerCommand extends BaseCommand {
  static commandName = 'worker'
  static description = 'Run the Temporal worker and the BullMQ queue workers'

  static options: CommandOptions = {
    startApp: true,
    staysAlive: true,
  }

  @flags.boolean({ description: 'Skip the Temporal worker (queues only)', default: true })
  declare temporal: boolean

  @flags.boolean({ description: 'Skip the BullMQ workers (Temporal only)', default: true })
  declare queues: boolean

  async run() {
    const host = new WorkerHost(logger)
    let stopping = false
    const stop = async () => {
      if (stopping) return
      stopping = true
      logger.info('worker stopping')
      await host.stop()
      await this.app.terminate()
    }
    this.app.terminating(() => host.stop())
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)

    await host.start({ temporal: this.temporal, queues: this.queues })
    logger.info('worker ready')
  }
}
