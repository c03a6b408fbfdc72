import hash from '@adonisjs/core/services/hash'
import { OperatorSchema } from '#database/schema'

/**
 * A platform operator (OPS-1): runs the installation, belongs to no tenant,
 * logs in on the operator host with a password and a code from an
 * authenticator app (enrolled at the first login, never optional).
 *
 * @spec OPS-1
 */
export default class Operator extends OperatorSchema {
  static #dummyHash: Promise<string> | undefined

  static normalizeEmail(email: string): string {
    return email.trim().toLowerCase()
  }

  /** The operator with these credentials, or null; as slow for unknown addresses. */
  static async verifyCredentials(email: string, password: string): Promise<Operator | null> {
    const operator = await this.findBy('email', this.normalizeEmail(email))
    if (!operator) {
      this.#dummyHash ??= hash.make('not-a-real-password')
      await hash.verify(await this.#dummyHash, password)
      return null
    }
    return (await hash.verify(operator.password, password)) ? operator : null
  }

  async setPassword(plain: string) {
    this.password = await hash.make(plain)
  }
}
