/** @spec IAM-9 */
import { createHash, randomInt, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import hash from '@adonisjs/core/services/hash'
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
import { fieldError, UserFacingException } from '#exceptions/user_facing_exception'
import { throttles } from '#services/throttles'
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
 * e-mail to the login address activates the account and links it to the
 * customer number: as its main contact when it has none, else as a user the
 * main contact shares it with. Registration never changes an existing
 * account, and its answers never tell whether an address has one here
 * (docs/security.md, "Flows that change an account").
 */
export class SelfRegistration {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n,
    protected ip: string | null = null,
    protected outbox = new MailOutbox()
  ) {}

  /** Issues a code for a customer number; the plain code is shown once. */
  static async issueCode(number: CustomerNumber, staff: User | null) {
    const raw = Array.from(
      { length: 12 },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
    ).join('')
    const code = raw.match(/.{4}/g)!.join('-')
    const weeks = config.get<number>('identity.activationCodeWeeks')
    const row = await ActivationCode.create({
      customerNumberId: number.id,
      codeHash: activationCodeHash(number.id, code),
      issuedById: staff?.id ?? null,
      expiresAt: DateTime.now().plus({ weeks }),
    })
    await activityLog.record({
      type: 'activation_code.issued',
      actor: staff,
      target: null,
      customerId: number.customerId,
      details: { number: number.number },
    })
    return { code, expiresAt: row.expiresAt }
  }

  /**
   * The code proves the customer number; the confirmation link, sent to the
   * login address, proves the login. A wrong code is refused on the form
   * (the code is the secret, nothing about an address is told).
   */
  async withCode(input: CodeRegistrationInput): Promise<void> {
    const limits = await this.numberLimits(input.customerNumber)
    const number = await CustomerNumber.findByNumber(input.customerNumber)
    const refused = async () => {
      await limits.failed()
      return fieldError('activationCode', this.i18n.t('registration.code_refused'))
    }
    // Hashed before anything depends on the address: every answer costs the same.
    const passwordHash = await hash.make(input.password)
    if (!number) throw await refused()
    const login = User.normalizeEmail(input.email)

    await db.transaction(async (trx) => {
      const code = await ActivationCode.query({ client: trx })
        .where('customer_number_id', number.id)
        .where('code_hash', activationCodeHash(number.id, input.activationCode))
        .whereNull('used_at')
        .where('expires_at', '>', sqlTimestamp())
        .first()
      if (!code) throw await refused()
      // An existing account is told so in its own mailbox; the code stays usable.
      if (await this.tellExistingAccount(login, number, trx)) return
      const claimed = await ActivationCode.query({ client: trx })
        .where('id', code.id)
        .whereNull('used_at')
        .update({ used_at: sqlTimestamp() })
      if (affectedRows(claimed) !== 1) throw await refused()
      await this.register(number, login, null, passwordHash, input.locale ?? null, trx)
    })
  }

  /**
   * The address on file proves the customer number, the login address the
   * login: with one address, one link does both; with another login
   * address, the address on file approves first, then the login address
   * confirms. Every outcome gets the same answer.
   */
  async withCustomerEmail(input: EmailRegistrationInput): Promise<void> {
    const limits = await this.numberLimits(input.customerNumber)
    const number = await CustomerNumber.findByNumber(input.customerNumber)
    const onFile = number?.contactEmail ? User.normalizeEmail(number.contactEmail) : null
    const passwordHash = await hash.make(input.password)
    const login = User.normalizeEmail(input.loginEmail || input.email)
    await db.transaction(async (trx) => {
      // A mismatch gets the same answer as a success: nothing tells what is on file.
      if (!number || !onFile || onFile !== User.normalizeEmail(input.email)) {
        await limits.failed()
        await activityLog.record(
          {
            type: 'registration.refused',
            ip: this.ip,
            details: { number: input.customerNumber.slice(0, 64) },
          },
          trx
        )
        return
      }
      if (await this.tellExistingAccount(login, number, trx)) return
      await this.register(
        number,
        login,
        login === onFile ? null : onFile,
        passwordHash,
        input.locale ?? null,
        trx
      )
    })
  }

  /**
   * The failure count of the customer number typed (throttles.registrationNumber):
   * past its limit the attempt is refused before anything is checked.
   */
  protected async numberLimits(typed: string) {
    const limits = throttles.registrationNumber(this.tenant.id, CustomerNumber.normalize(typed))
    const wait = await limits.blockedFor()
    if (wait !== null) {
      throw new UserFacingException('auth.too_many_attempts', {
        status: 429,
        data: { minutes: Math.max(1, Math.ceil(wait / 60)) },
      })
    }
    return limits
  }

  /**
   * Registration never changes an existing account (whatever its state): the
   * address gets "you already have an account" in its own mailbox, and the
   * visitor the same answer as anyone else.
   */
  protected async tellExistingAccount(
    login: string,
    number: CustomerNumber,
    trx: TransactionClientContract
  ): Promise<boolean> {
    const user = await User.query({ client: trx }).where('email', login).first()
    if (!user) return false
    await activityLog.record(
      {
        type: 'registration.existing_account',
        target: user,
        customerId: number.customerId,
        ip: this.ip,
        details: { number: number.number },
      },
      trx
    )
    const delivery = await this.outbox.record(
      {
        key: `registration.existing.${randomUUID()}`,
        tenantId: this.tenant.id,
        template: 'registration_existing',
        to: user.email,
        locale: user.locale ?? this.tenant.defaultLocale,
        data: {
          firstName: user.firstName,
          account: user.email,
          loginUrl: this.tenant.url('/login'),
          forgotPasswordUrl: this.tenant.url('/forgot-password'),
        },
      },
      trx
    )
    trx.after('commit', () => this.outbox.dispatch(delivery))
    return true
  }

  /**
   * A new account, not active until its login address confirms; the first
   * link goes to `approvalEmail` when the address on file must approve.
   */
  protected async register(
    number: CustomerNumber,
    login: string,
    approvalEmail: string | null,
    passwordHash: string,
    locale: Locale | null,
    trx: TransactionClientContract
  ) {
    if (!(await seats.available(this.tenant, trx))) {
      throw fieldError('email', this.i18n.t('registration.no_seat'))
    }
    const user = new User()
    user.useTransaction(trx)
    user.merge({
      email: login,
      role: 'customer',
      status: 'invited',
      locale,
      password: passwordHash,
    })
    await user.save()
    await activityLog.record(
      {
        type: 'registration.requested',
        target: user,
        customerId: number.customerId,
        ip: this.ip,
        details: { number: number.number },
      },
      trx
    )
    await this.openRegistration({ user, number, approvalEmail, approvedAt: null }, trx)
  }

  /**
   * A registration row with a fresh link, and its e-mail: to the address on
   * file while its approval is missing, else to the login address.
   */
  protected async openRegistration(
    pending: {
      user: User
      number: CustomerNumber
      approvalEmail: string | null
      approvedAt: DateTime | null
    },
    trx: TransactionClientContract
  ): Promise<Registration> {
    const { user, number } = pending
    const approving = pending.approvalEmail !== null && pending.approvedAt === null
    const token = createToken()
    const hours = config.get<number>('identity.registrationConfirmHours')
    const registration = await Registration.create(
      {
        userId: user.id,
        customerNumberId: number.id,
        approvalEmail: pending.approvalEmail,
        approvedAt: pending.approvedAt,
        confirmEmail: approving ? pending.approvalEmail! : user.email,
        tokenHash: token.hash,
        expiresAt: DateTime.now().plus({ hours }),
      },
      { client: trx }
    )
    const delivery = await this.outbox.record(
      {
        key: `registration.${registration.id}`,
        tenantId: this.tenant.id,
        template: approving ? 'registration_approve' : 'registration_confirm',
        to: registration.confirmEmail,
        locale: user.locale ?? this.tenant.defaultLocale,
        data: {
          firstName: approving ? null : user.firstName,
          account: user.email,
          customerNumber: number.number,
          confirmUrl: this.tenant.url(`/register/confirm/${token.value}`),
          validHours: hours,
        },
      },
      trx
    )
    trx.after('commit', () => this.outbox.dispatch(delivery))
    return registration
  }

  /**
   * A registration link, once, before it expires. From the address on file
   * (approval): the login address now gets its confirmation. From the login
   * address: activates the account and gives it the customer number.
   */
  async confirm(token: unknown): Promise<'approved' | 'activated' | null> {
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
      const number = await CustomerNumber.query({ client: trx })
        .where('id', registration.customerNumberId)
        .forUpdate()
        .firstOrFail()

      if (registration.approvalEmail && !registration.approvedAt) {
        await activityLog.record(
          {
            type: 'registration.approved',
            target: user,
            customerId: number.customerId,
            ip: this.ip,
            details: { number: number.number },
          },
          trx
        )
        await this.openRegistration(
          { user, number, approvalEmail: registration.approvalEmail, approvedAt: DateTime.now() },
          trx
        )
        return 'approved'
      }

      if (user.status === 'invited') {
        user.status = 'active'
        await user.useTransaction(trx).save()
      }
      if (!number.mainContactId) {
        number.mainContactId = user.id
        await number.useTransaction(trx).save()
      } else if (number.mainContactId !== user.id) {
        await SharedUser.firstOrCreate(
          { ownerId: number.mainContactId, userId: user.id },
          { ownerId: number.mainContactId, userId: user.id },
          { client: trx }
        )
        await CustomerNumberShare.firstOrCreate(
          { customerNumberId: number.id, userId: user.id },
          { customerNumberId: number.id, userId: user.id },
          { client: trx }
        )
      }
      await activityLog.record(
        {
          type: 'registration.confirmed',
          actor: user,
          customerId: number.customerId,
          ip: this.ip,
          details: { number: number.number },
        },
        trx
      )
      return 'activated'
    })
  }

  /**
   * Sends the pending link again for the account's open registration (to
   * the address on file while its approval is missing).
   */
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
      await this.openRegistration(
        {
          user,
          number: open.customerNumber,
          approvalEmail: open.approvalEmail,
          approvedAt: open.approvedAt,
        },
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
