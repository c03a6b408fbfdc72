import { BaseTransformer } from '@adonisjs/core/transformers'
import QRCode from 'qrcode'
import type Operator from '#models/operator'
import { totp } from '#services/totp'

/**
 * A platform operator (OPS-1): who is logged in on the operator host, and
 * (`toEnrolment`, given the candidate secret) the QR code and the secret to
 * type into an authenticator app at the first login.
 *
 * @spec OPS-1
 */
export default class OperatorTransformer extends BaseTransformer<Operator> {
  constructor(
    operator: Operator,
    protected secret: string | null = null
  ) {
    super(operator)
  }

  toObject() {
    return { email: this.resource.email }
  }

  async toEnrolment() {
    if (!this.secret) throw new Error('OperatorTransformer: toEnrolment needs the candidate secret')
    const secret = this.secret
    const uri = totp.uri(secret, 'Portal platform operations', this.resource.email)
    return { qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }), secret }
  }
}
