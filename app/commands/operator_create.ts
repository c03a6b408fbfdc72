import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { randomBytes } from 'node:crypto'
import Operator from '#models/operator'
import { opsHost } from '#services/ops_host'
import { appUrl } from '#config/app'

/**
 * `node ace operator:create --email <e-mail>`: a platform operator (OPS-1).
 * The password is asked for (or generated and printed once with
 * --generate-password); two-step verification is set up at the first login
 * on the operator host.
 *
 * @spec OPS-1
 */
export default class OperatorCreate extends BaseCommand {
  static commandName = 'operator:create'
  static description = 'Create a platform operator (queues and workflows of every tenant)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'E-mail address the operator logs in with', required: true })
  declare email: string

  @flags.boolean({ description: 'Generate a password and print it once instead of asking' })
  declare generatePassword: boolean

  async run() {
    const email = Operator.normalizeEmail(this.email)
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.logger.error(`"${this.email}" is not an e-mail address`)
      this.exitCode = 1
      return
    }
    if (await Operator.findBy('email', email)) {
      this.logger.error(`An operator ${email} exists already`)
      this.exitCode = 1
      return
    }
    const password = this.generatePassword
      ? randomBytes(18).toString('base64url')
      : await this.prompt.secure('Password (at least 12 characters)', {
          validate: (value) => value.length >= 12 || 'At least 12 characters',
        })
    const operator = new Operator()
    operator.email = email
    await operator.setPassword(password)
    await operator.save()

    const url = new URL(appUrl)
    this.logger.success(`Operator ${email} created.`)
    if (this.generatePassword) this.logger.log(`Password (shown once): ${password}`)
    this.logger.log(
      `Log in at ${url.protocol}//${opsHost}${url.port ? `:${url.port}` : ''}/login; the first login sets up two-step verification.`
    )
  }
}
