import { createHash, randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { I18n } from '@adonisjs/i18n'
import ActivationCode from '#models/activation_code'
import CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import Registration from '#models/registration'
import SharedUser from '#models/shared_user'
import User, { type Locale } from '#models/user'
import type Tenant from '#models/tenant'
import { fieldError } from '#exceptions/user_facing_exception'
import { MailOutbox } from '#services/mail_outbox'
import { activityLog } from '#services/activity_log'
import { seats } from '#services/seats'
import { createToken, hashToken, looksLikeToken } from '#services/tokens'
import { affectedRows, sqlTimestamp } from '#services/sql'

/** Letters and digits nobody confuses when typing from paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

function activationCodeHash(customerNumberId: number, code: string): string {
  return createHash('sha256')
    .update(`${customerNumberId}:${normalizeCode(code)}`)
    .digest('hex')
}

export interface CodeRegistrationInput {
  customerNumber: string
  activationCode: string
  email: string
  password: string
  locale?: Locale | null
}

export interface EmailRegistrationInput {
  customerNumber: string
  /** The address on file for the customer number. */
  email: string
  /** Another address to log in with (optional). */
  loginEmail?: string | null
  password: string
  locale?: Locale | null
}

/**
 * IAM-9: self-registration with a customer number, by activation code
 * (leasing) or by the e-mail address on file (utility). A confirmation
 * e-mail activates the account and links it to the customer number: as its
 * main contact when it has none, else as a user the main contact shares it
 * with. Answers never tell whether an address has an account here.
 */
export class SelfRegistration {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n,
    protected ip: string | null = null,
    protected outbox = new MailOutbox()
  ) {}

  /** Issues a code for a customer number; the plain code is shown once. */
  static async issueCode(tenant: Tenant, number: CustomerNumber, staff: User | null) {
    const raw = Array.from(
      { length: 12 },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
    ).join('')
    const code = raw.match(/.{4}/g)!.join('-')
    const weeks = config.get<number>('identity.activationCodeWeeks')
    const row = await ActivationCode.create({
      tenantId: tenant.id,
      customerNumberId: number.id,
      codeHash: activationCodeHash(number.id, code),
      issuedById: staff?.id ?? null,
      expiresAt: DateTime.now().plus({ weeks }),
    })
    await activityLog.record({
      tenantId: tenant.id,
      type: 'activation_code.issued',
      actor: staff,
      target: null,
      customerId: number.customerId,
      details: { number: number.number },
    })
    return { code, expiresAt: row.expiresAt }
  }

  async withCode(input: CodeRegistrationInput): Promise<void> {
    const number = await CustomerNumber.findByNumber(input.customerNumber)
    const refused = () => fieldError('activationCode', this.i18n.t('registration.code_refused'))
    if (!number) throw refused()

    await db.transaction(async (trx) => {
      const claimed = await ActivationCode.query({ client: trx })
        .where('customer_number_id', number.id)
        .where('code_hash', activationCodeHash(number.id, input.activationCode))
        .whereNull('used_at')
        .where('expires_at', '>', sqlTimestamp())
        .update({ used_at: sqlTimestamp() })
      if (affectedRows(claimed) !== 1) throw refused()
      await this.register(
        number,
        input.email,
        input.email,
        input.password,
        input.locale ?? null,
        trx
      )
    })
  }

  async withCustomerEmail(input: EmailRegistrationInput): Promise<void> {
    const number = await CustomerNumber.findByNumber(input.customerNumber)
    const onFile = number?.contactEmail ? User.normalizeEmail(number.contactEmail) : null
    // A mismatch gets the same answer as a success: nothing tells what is on file.
    if (!number || !onFile || onFile !== User.normalizeEmail(input.email)) return
    await db.transaction(async (trx) => {
      await this.register(
        number,
        input.loginEmail || input.email,
        onFile,
        input.password,
        input.locale ?? null,
        trx
      )
    })
  }

  /**
   * Creates (or reuses) the account and the registration, and queues the
   * confirmation e-mail to `confirmTo`.
   */
  protected async register(
    number: CustomerNumber,
    loginEmail: string,
    confirmTo: string,
    password: string | null,
    locale: Locale | null,
    trx: TransactionClientContract
  ) {
    const email = User.normalizeEmail(loginEmail)
    let user = await User.query({ client: trx }).where('email', email).first()
    if (user && (user.role !== 'customer' || user.status === 'blocked')) return
    if (!user) {
      if (!password) return
      if (!(await seats.available(this.tenant, trx))) {
        throw fieldError('email', this.i18n.t('registration.no_seat'))
      }
      user = new User()
      user.useTransaction(trx)
      user.merge({ tenantId: this.tenant.id, email, role: 'customer', status: 'invited', locale })
      await user.setPassword(password)
      await user.save()
    } else if (user.status === 'invited' && password) {
      user.useTransaction(trx)
      await user.setPassword(password)
      await user.save()
    }
    const token = createToken()
    const hours = config.get<number>('identity.registrationConfirmHours')
    const registration = await Registration.create(
      {
        tenantId: this.tenant.id,
        userId: user.id,
        customerNumberId: number.id,
        confirmEmail: User.normalizeEmail(confirmTo),
        tokenHash: token.hash,
        expiresAt: DateTime.now().plus({ hours }),
      },
      { client: trx }
    )
    await activityLog.record(
      {
        tenantId: this.tenant.id,
        type: 'registration.requested',
        target: user,
        customerId: number.customerId,
        ip: this.ip,
        details: { number: number.number },
      },
      trx
    )
    const delivery = await this.outbox.record(
      {
        key: `registration.${registration.id}`,
        tenantId: this.tenant.id,
        template: 'registration_confirm',
        to: registration.confirmEmail,
        locale: user.locale ?? this.tenant.defaultLocale,
        data: {
          firstName: user.firstName,
          account: user.email,
          customerNumber: number.number,
          confirmUrl: this.tenant.url(`/register/confirm/${token.value}`),
          validHours: hours,
        },
      },
      trx
    )
    trx.after('commit', () => this.outbox.dispatch(delivery))
  }

  /**
   * The confirmation link: activates the account and gives it the customer
   * number. Works once, before it expires.
   */
  async confirm(token: unknown): Promise<User | null> {
    if (!looksLikeToken(token)) return null
    return db.transaction(async (trx) => {
      const registration = await Registration.query({ client: trx })
        .where('token_hash', hashToken(token))
        .whereNull('confirmed_at')
        .where('expires_at', '>', sqlTimestamp())
        .first()
      if (!registration) return null
      const claimed = await Registration.query({ client: trx })
        .where('id', registration.id)
        .whereNull('confirmed_at')
        .update({ confirmed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      if (affectedRows(claimed) !== 1) return null

      const user = await User.findOrFail(registration.userId, { client: trx })
      if (user.status === 'blocked' || !user.password) return null
      user.status = 'active'
      await user.useTransaction(trx).save()

      const number = await CustomerNumber.query({ client: trx })
        .where('id', registration.customerNumberId)
        .forUpdate()
        .firstOrFail()
      if (!number.mainContactId) {
        number.mainContactId = user.id
        await number.useTransaction(trx).save()
      } else if (number.mainContactId !== user.id) {
        await SharedUser.firstOrCreate(
          { ownerId: number.mainContactId, userId: user.id },
          { tenantId: this.tenant.id, ownerId: number.mainContactId, userId: user.id },
          { client: trx }
        )
        await CustomerNumberShare.firstOrCreate(
          { customerNumberId: number.id, userId: user.id },
          { tenantId: this.tenant.id, customerNumberId: number.id, userId: user.id },
          { client: trx }
        )
      }
      await activityLog.record(
        {
          tenantId: this.tenant.id,
          type: 'registration.confirmed',
          actor: user,
          customerId: number.customerId,
          ip: this.ip,
          details: { number: number.number },
        },
        trx
      )
      return user
    })
  }

  /** Sends the confirmation e-mail again for the account's open registration. */
  async resend(email: string): Promise<void> {
    const user = await User.query()
      .where('email', User.normalizeEmail(email))
      .where('status', 'invited')
      .first()
    if (!user) return
    const open = await Registration.query()
      .where('user_id', user.id)
      .whereNull('confirmed_at')
      .orderBy('id', 'desc')
      .preload('customerNumber')
      .first()
    if (!open) return
    await db.transaction(async (trx) => {
      await Registration.query({ client: trx })
        .where('id', open.id)
        .update({ expires_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      await this.register(
        open.customerNumber,
        user.email,
        open.confirmEmail,
        null,
        user.locale,
        trx
      )
    })
  }

  /** Whether an invited account with a password waits for its confirmation. */
  static async awaitsConfirmation(user: User): Promise<boolean> {
    if (user.status !== 'invited' || !user.password) return false
    const open = await Registration.query()
      .where('user_id', user.id)
      .whereNull('confirmed_at')
      .first()
    return !!open
  }
}
