import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import SharedUser from '#models/shared_user'
import User, { type Locale } from '#models/user'
import type Tenant from '#models/tenant'
import { fieldError } from '#exceptions/user_facing_exception'
import { InviteCustomer } from '#actions/identity/invite_customer'
import { activityLog } from '#services/activity_log'
import { customerAccess } from '#actions/accounts/customer_access'

export interface SharedUserInput {
  email: string
  firstName?: string | null
  lastName?: string | null
  locale?: Locale | null
  /** The owner's customer numbers ticked for this user. */
  numberIds: number[]
}

/**
 * ACC-2..ACC-4: a main contact shares customer numbers with other people
 * (colleagues, an accountant), hands the main-contact role over, and
 * replaces a shared user's address. Every change is in the activity log.
 *
 * @spec ACC-2 ACC-3 ACC-4
 */
export class Sharing {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n,
    protected ip: string | null = null
  ) {}

  /** The owner's shared users with, per user, the owner's numbers ticked for them. */
  async list(owner: User) {
    const owned = await customerAccess.ownedNumbers(owner)
    const links = await SharedUser.query().where('owner_id', owner.id).preload('user').orderBy('id')
    const shares = await CustomerNumberShare.query()
      .whereIn(
        'customer_number_id',
        owned.map((number) => number.id)
      )
      .whereIn(
        'user_id',
        links.map((link) => link.userId)
      )
    return { numbers: owned, links, shares }
  }

  /**
   * Adds a person (inviting them when they have no account yet) or updates
   * the numbers ticked for them. Numbers the owner is not main contact of
   * are refused.
   */
  async save(owner: User, input: SharedUserInput): Promise<User> {
    const email = User.normalizeEmail(input.email)
    if (email === owner.email) throw fieldError('email', this.i18n.t('accounts.share.not_yourself'))
    const owned = new Set(await customerAccess.ownedNumberIds(owner))
    const wanted = [...new Set(input.numberIds)]
    if (wanted.some((id) => !owned.has(id))) {
      throw fieldError('numberIds', this.i18n.t('accounts.share.not_your_number'))
    }

    let user = await User.query().where('email', email).first()
    if (user && user.role !== 'customer') {
      throw fieldError('email', this.i18n.t('accounts.share.address_unavailable'))
    }
    /**
     * Only a new address is invited. An account that exists (invited by
     * someone else, or active) is only given the numbers: sharing never
     * changes its names, language, password or pending invitation
     * (docs/security.md, "Flows that change an account").
     */
    if (!user) {
      const invitation = await new InviteCustomer(this.tenant, this.i18n).handle(
        {
          email,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          locale: input.locale ?? null,
        },
        owner
      )
      user = await User.findOrFail(invitation.userId)
      await activityLog.record({
        type: 'invitation.sent',
        actor: owner,
        target: user,
        ip: this.ip,
      })
    } else if (user.status === 'blocked') {
      throw fieldError('email', this.i18n.t('accounts.share.address_unavailable'))
    }
    const person = user

    await db.transaction(async (trx) => {
      await SharedUser.firstOrCreate(
        { ownerId: owner.id, userId: person.id },
        { ownerId: owner.id, userId: person.id },
        { client: trx }
      )
      await this.syncShares(owner, person, [...owned], wanted, trx)
    })
    return person
  }

  /** Ticks exactly `wanted` among the owner's numbers for the user. */
  protected async syncShares(
    owner: User,
    user: User,
    owned: number[],
    wanted: number[],
    trx: TransactionClientContract
  ) {
    const current = await CustomerNumberShare.query({ client: trx })
      .where('user_id', user.id)
      .whereIn('customer_number_id', owned)
    const have = new Set(current.map((share) => share.customerNumberId))
    for (const share of current) {
      if (wanted.includes(share.customerNumberId)) continue
      await share.useTransaction(trx).delete()
      await this.log('share.revoked', owner, user, share.customerNumberId, trx)
    }
    for (const id of wanted) {
      if (have.has(id)) continue
      await CustomerNumberShare.create(
        { customerNumberId: id, userId: user.id, grantedById: owner.id },
        { client: trx }
      )
      await this.log('share.granted', owner, user, id, trx)
    }
  }

  /** Stops sharing anything of the owner's with the user. */
  async remove(owner: User, userId: number): Promise<void> {
    const link = await SharedUser.query()
      .where('owner_id', owner.id)
      .where('user_id', userId)
      .preload('user')
      .first()
    if (!link) return
    const owned = await customerAccess.ownedNumberIds(owner)
    await db.transaction(async (trx) => {
      await this.syncShares(owner, link.user, owned, [], trx)
      await link.useTransaction(trx).delete()
    })
  }

  /**
   * ACC-4: a new address for a shared user means inviting the new address
   * with the same numbers and removing the old one.
   */
  async changeEmail(owner: User, userId: number, newEmail: string): Promise<User> {
    const { links, shares } = await this.list(owner)
    const current = links.find((link) => link.userId === userId)?.user
    if (!current) throw fieldError('email', this.i18n.t('accounts.share.unknown_user'))
    const replacement = await this.save(owner, {
      email: newEmail,
      firstName: current.firstName,
      lastName: current.lastName,
      locale: current.locale,
      numberIds: shares
        .filter((share) => share.userId === userId)
        .map((share) => share.customerNumberId),
    })
    await this.remove(owner, userId)
    return replacement
  }

  /**
   * ACC-3: the owner hands the main-contact role of one number to someone
   * else (invited when new). The number's shared users follow it to the new
   * main contact, and the former one keeps seeing it as a shared user.
   */
  async handOver(owner: User, numberId: number, email: string): Promise<User> {
    const number = await CustomerNumber.query()
      .where('id', numberId)
      .where('main_contact_id', owner.id)
      .first()
    if (!number) throw fieldError('numberId', this.i18n.t('accounts.share.not_your_number'))
    const address = User.normalizeEmail(email)
    if (address === owner.email)
      throw fieldError('email', this.i18n.t('accounts.share.not_yourself'))

    let target = await User.query().where('email', address).first()
    if (target && (target.role !== 'customer' || target.status === 'blocked')) {
      throw fieldError('email', this.i18n.t('accounts.share.address_unavailable'))
    }
    if (!target) {
      const invitation = await new InviteCustomer(this.tenant, this.i18n).handle(
        { email: address },
        owner
      )
      target = await User.findOrFail(invitation.userId)
    }
    const next = target

    await db.transaction(async (trx) => {
      const shares = await CustomerNumberShare.query({ client: trx }).where(
        'customer_number_id',
        number.id
      )
      for (const share of shares) {
        if (share.userId === next.id) {
          await share.useTransaction(trx).delete()
          continue
        }
        await SharedUser.firstOrCreate(
          { ownerId: next.id, userId: share.userId },
          { ownerId: next.id, userId: share.userId },
          { client: trx }
        )
      }
      number.mainContactId = next.id
      await number.useTransaction(trx).save()
      await CustomerNumberShare.create(
        {
          customerNumberId: number.id,
          userId: owner.id,
          grantedById: next.id,
        },
        { client: trx }
      )
      await SharedUser.firstOrCreate(
        { ownerId: next.id, userId: owner.id },
        { ownerId: next.id, userId: owner.id },
        { client: trx }
      )
      await activityLog.record(
        {
          type: 'main_contact.handed_over',
          actor: owner,
          target: next,
          customerId: number.customerId,
          ip: this.ip,
          details: { number: number.number },
        },
        trx
      )
    })
    return next
  }

  protected async log(
    type: 'share.granted' | 'share.revoked',
    owner: User,
    user: User,
    numberId: number,
    trx: TransactionClientContract
  ) {
    const number = await CustomerNumber.findOrFail(numberId, { client: trx })
    await activityLog.record(
      {
        type,
        actor: owner,
        target: user,
        customerId: number.customerId,
        ip: this.ip,
        details: { number: number.number },
      },
      trx
    )
  }
}
