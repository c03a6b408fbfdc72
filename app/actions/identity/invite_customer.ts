import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import Invitation from '#models/invitation'
import User, { type Locale } from '#models/user'
import type Tenant from '#models/tenant'
import { fieldError, UserFacingException } from '#exceptions/user_facing_exception'
import { invitationWorkflows } from '#workflows/invitations/client'
import { invitationWorkflowId } from '#workflows/invitations/config'
import { sqlTimestamp } from '#services/sql'
import { seats } from '#services/seats'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface InviteCustomerInput {
  email: string
  firstName?: string | null
  lastName?: string | null
  locale?: Locale | null
}

/**
 * IAM-8: a tenant admin invites a customer by e-mail.
 *
 * Creates the customer (or reuses one not yet active), voids any earlier
 * pending invitation of that person (their old link stops working), and
 * starts the invitation workflow that sends the e-mail and expires the
 * link. The database part is one transaction: a refused invitation stores
 * nothing.
 *
 * @spec IAM-8
 */
export class InviteCustomer {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  /**
   * TEN-8: a new customer login needs a free seat of the tenant's licence.
   * Blocked accounts do not take a seat.
   */
  protected async ensureSeat(trx: TransactionClientContract) {
    if (!(await seats.available(this.tenant, trx))) {
      throw fieldError(
        'email',
        this.i18n.t('admin.invite.seat_limit', { limit: this.tenant.seatLimit })
      )
    }
  }

  async handle(input: InviteCustomerInput, invitedBy: User | null): Promise<Invitation> {
    const email = User.normalizeEmail(input.email)

    const { invitation, voided } = await db.transaction(async (trx) => {
      let user = await User.query({ client: trx }).where('email', email).first()
      if (user && user.status === 'active') {
        throw fieldError('email', this.i18n.t('admin.invite.already_active'))
      }
      if (user && user.status === 'blocked') {
        throw fieldError('email', this.i18n.t('admin.invite.blocked'))
      }
      if (user && user.role !== 'customer') {
        throw fieldError('email', this.i18n.t('admin.invite.not_a_customer'))
      }

      if (!user) await this.ensureSeat(trx)
      user ??= new User()
      user.useTransaction(trx)
      user.merge({
        email,
        role: 'customer',
        status: 'invited',
        firstName: input.firstName ?? user.firstName ?? null,
        lastName: input.lastName ?? user.lastName ?? null,
        locale: input.locale ?? user.locale ?? null,
      })
      await user.save()

      const previous = await Invitation.query({ client: trx })
        .where('user_id', user.id)
        .where('status', 'pending')
        .select('id', 'workflow_id')
      if (previous.length) {
        await Invitation.query({ client: trx })
          .where('tenant_id', this.tenant.id)
          .whereIn(
            'id',
            previous.map((row) => row.id)
          )
          .where('status', 'pending')
          .update({ status: 'voided', closed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      }

      const created = await Invitation.create(
        {
          userId: user.id,
          invitedById: invitedBy?.id ?? null,
          status: 'pending',
          workflowId: 'pending',
          expiresAt: DateTime.now().plus({ seconds: this.tenant.invitationTtlSeconds }),
        },
        { client: trx }
      )
      created.workflowId = invitationWorkflowId(this.tenant.id, created.id)
      await created.save()
      return { invitation: created, voided: previous.map((row) => row.workflowId) }
    })

    await Promise.all(voided.map((workflowId) => invitationWorkflows.voided(workflowId)))
    try {
      await invitationWorkflows.start({
        tenantId: this.tenant.id,
        invitationId: invitation.id,
        ttlMs: this.tenant.invitationTtlSeconds * 1000,
      })
    } catch (error) {
      // Nothing will send this invitation: take it back so no dead link stays pending.
      await Invitation.query()
        .where('tenant_id', this.tenant.id)
        .where('id', invitation.id)
        .update({ status: 'voided', closed_at: sqlTimestamp(), updated_at: sqlTimestamp() })
      throw new UserFacingException('admin.invite.not_started', {
        status: 503,
        code: 'E_WORKFLOW_UNAVAILABLE',
        cause: error,
      })
    }
    return invitation
  }
}
