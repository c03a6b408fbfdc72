import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { I18n } from '@adonisjs/i18n'
import Category from '#models/category'
import CategoryGrant from '#models/category_grant'
import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'
import CustomerNumberShare from '#models/customer_number_share'
import type Document from '#models/document'
import DocumentGrant from '#models/document_grant'
import User from '#models/user'
import { customerAccess } from '#actions/accounts/customer_access'
import { fieldError } from '#exceptions/user_facing_exception'
import { sqlTimestamp } from '#services/sql'

export interface Rights {
  read: boolean
  update: boolean
  delete: boolean
  changeSecurity: boolean
}

export const NO_RIGHTS: Rights = {
  read: false,
  update: false,
  delete: false,
  changeSecurity: false,
}
export const ALL_RIGHTS: Rights = { read: true, update: true, delete: true, changeSecurity: true }

/** The rights ticked in a form (unticked boxes are simply absent). */
export function tickedRights(input: Partial<Rights>): Rights {
  return {
    read: !!input.read,
    update: !!input.update,
    delete: !!input.delete,
    changeSecurity: !!input.changeSecurity,
  }
}

/** What the uploader of a document keeps on it (DOC-9). */
export const UPLOADER_RIGHTS: Rights = {
  read: true,
  update: true,
  delete: true,
  changeSecurity: false,
}

type SubjectType = 'user' | 'customer'

/** The customers whose group the user belongs to: those they are a main contact of. */
function groupCustomerIds(user: User) {
  // As a subquery the tenant scope is not applied: named here, so the (tenant, main contact) index serves it.
  return CustomerNumber.query()
    .where('tenant_id', user.tenantId)
    .where('main_contact_id', user.id)
    .select('customer_id')
}

/** The grants that name the user, directly or through their customer's group. */
export function grantsOf(user: User) {
  return DocumentGrant.query().where((query) =>
    query
      .where((own) => own.where('subject_type', 'user').where('subject_id', user.id))
      .orWhere((group) =>
        group.where('subject_type', 'customer').whereIn('subject_id', groupCustomerIds(user))
      )
  )
}

function columns(rights: Rights) {
  // Any right implies reading: a right to delete what one cannot see makes no sense.
  const read = rights.read || rights.update || rights.delete || rights.changeSecurity
  return {
    canRead: read,
    canUpdate: rights.update,
    canDelete: rights.delete,
    canChangeSecurity: rights.changeSecurity,
  }
}

function rightsOfGrant(grant: {
  canRead: boolean
  canUpdate: boolean
  canDelete: boolean
  canChangeSecurity: boolean
}): Rights {
  return {
    read: grant.canRead,
    update: grant.canUpdate,
    delete: grant.canDelete,
    changeSecurity: grant.canChangeSecurity,
  }
}

/**
 * DOC-7 / DOC-8 / DOC-10: the one place that answers what a user may do
 * with a document. Staff have every right (they classify and publish);
 * a portal user reads a document open to its customer number when they
 * reach that number (ACC-2), and has whatever the document's grants give
 * them or their customer's group.
 *
 * @spec DOC-7 DOC-8 DOC-10
 */
export const documentRights = {
  async of(user: User, document: Document): Promise<Rights> {
    if (user.isStaff) return { ...ALL_RIGHTS }
    const rights = { ...NO_RIGHTS }
    if (
      document.audience === 'customer_number' &&
      (await customerAccess.reaches(user, document.customerNumberId))
    ) {
      rights.read = true
    }
    const grants = await grantsOf(user).where('document_id', document.id)
    for (const grant of grants) {
      rights.read ||= grant.canRead
      rights.update ||= grant.canUpdate
      rights.delete ||= grant.canDelete
      rights.changeSecurity ||= grant.canChangeSecurity
    }
    return rights
  },

  /** DOC-9: an upload stays with its uploader (and staff) until staff share it further. */
  async grantUploader(document: Document, user: User, trx: TransactionClientContract) {
    await DocumentGrant.create(
      {
        documentId: document.id,
        subjectType: 'user',
        subjectId: user.id,
        ...columns(UPLOADER_RIGHTS),
      },
      { client: trx }
    )
  },

  /**
   * DOC-8 / DOC-10: puts a document in a category (or takes it out). The
   * category's rights as they are now are copied onto the document, so
   * grants added to the category later do not reach it, and grants removed
   * later are not taken from it; the document's own rights tab shows them.
   */
  async classify(document: Document, categoryId: number | null, by: User) {
    await db.transaction(async (trx) => {
      document.useTransaction(trx)
      document.merge({ categoryId, updatedById: by.id })
      await document.save()
      if (categoryId) await this.copyCategoryGrants(document, categoryId, trx)
    })
  },

  async copyCategoryGrants(document: Document, categoryId: number, trx: TransactionClientContract) {
    const grants = await CategoryGrant.query({ client: trx }).where('category_id', categoryId)
    if (!grants.length) return
    const existing = await DocumentGrant.query({ client: trx }).where('document_id', document.id)
    const now = sqlTimestamp()
    for (const grant of grants) {
      const current = existing.find(
        (row) => row.subjectType === grant.subjectType && row.subjectId === grant.subjectId
      )
      if (current) {
        // Rights only add up: classifying never takes a right away.
        current.merge({
          canRead: current.canRead || grant.canRead,
          canUpdate: current.canUpdate || grant.canUpdate,
          canDelete: current.canDelete || grant.canDelete,
          canChangeSecurity: current.canChangeSecurity || grant.canChangeSecurity,
        })
        await current.save()
        continue
      }
      await trx.table('document_grants').insert({
        tenant_id: document.tenantId,
        document_id: document.id,
        subject_type: grant.subjectType,
        subject_id: grant.subjectId,
        can_read: grant.canRead,
        can_update: grant.canUpdate,
        can_delete: grant.canDelete,
        can_change_security: grant.canChangeSecurity,
        category_id: categoryId,
        created_at: now,
        updated_at: now,
      })
    }
  },
}

export interface GrantView {
  id: number
  subjectType: SubjectType
  subjectId: number
  name: string
  detail: string | null
  rights: Rights
  fromCategory: string | null
}

/**
 * Editing the rights tab of a document or of a category: add a person (by
 * e-mail) or a customer's group (by one of its customer numbers), tick
 * rights, remove. Portal users who may change a document's security can
 * only name people they already share a customer number with.
 */
export class GrantEditor {
  constructor(
    protected owner:
      { kind: 'document'; document: Document } | { kind: 'category'; category: Category },
    protected editor: User,
    protected i18n: I18n
  ) {}

  protected query() {
    return this.owner.kind === 'document'
      ? DocumentGrant.query().where('document_id', this.owner.document.id)
      : CategoryGrant.query().where('category_id', this.owner.category.id)
  }

  async list(): Promise<GrantView[]> {
    const grants: (DocumentGrant | CategoryGrant)[] = await this.query().orderBy('id')
    const userIds = grants.filter((g) => g.subjectType === 'user').map((g) => g.subjectId)
    const customerIds = grants.filter((g) => g.subjectType === 'customer').map((g) => g.subjectId)
    const categoryIds = grants
      .map((g) => ('categoryId' in g ? g.categoryId : null))
      .filter((id): id is number => !!id)
    const [users, customers, categories] = await Promise.all([
      userIds.length ? User.query().whereIn('id', userIds) : [],
      customerIds.length ? Customer.query().whereIn('id', customerIds).preload('numbers') : [],
      categoryIds.length ? Category.query().whereIn('id', categoryIds) : [],
    ])
    return grants.map((grant) => {
      const user = users.find((row) => row.id === grant.subjectId)
      const customer = customers.find((row) => row.id === grant.subjectId)
      const categoryId = 'categoryId' in grant ? grant.categoryId : null
      return {
        id: grant.id,
        subjectType: grant.subjectType,
        subjectId: grant.subjectId,
        name:
          grant.subjectType === 'user'
            ? (user?.fullName ?? user?.email ?? '?')
            : (customer?.name ?? '?'),
        detail:
          grant.subjectType === 'user'
            ? (user?.email ?? null)
            : (customer?.numbers.map((row) => row.number).join(', ') ?? null),
        rights: rightsOfGrant(grant),
        fromCategory: categories.find((row) => row.id === categoryId)?.name ?? null,
      }
    })
  }

  /** Adds (or, for a subject already there, updates) a grant. */
  async add(subjectType: SubjectType, reference: string, rights: Rights): Promise<void> {
    const subjectId =
      subjectType === 'user' ? await this.findPerson(reference) : await this.findCustomer(reference)
    const existing = await this.query()
      .where('subject_type', subjectType)
      .where('subject_id', subjectId)
      .first()
    if (existing) {
      existing.merge(columns(rights))
      await existing.save()
      return
    }
    const base = { subjectType, subjectId, ...columns(rights) }
    if (this.owner.kind === 'document') {
      await DocumentGrant.create({ ...base, documentId: this.owner.document.id })
    } else {
      await CategoryGrant.create({ ...base, categoryId: this.owner.category.id })
    }
  }

  async update(grantId: number, rights: Rights): Promise<void> {
    const grant = await this.query().where('id', grantId).first()
    if (!grant) throw fieldError('grant', this.i18n.t('documents.rights.unknown_grant'))
    grant.merge(columns(rights))
    await grant.save()
  }

  async remove(grantId: number): Promise<void> {
    const grant = await this.query().where('id', grantId).first()
    if (!grant) throw fieldError('grant', this.i18n.t('documents.rights.unknown_grant'))
    await grant.delete()
  }

  protected async findPerson(email: string): Promise<number> {
    const user = await User.query()
      .whereRaw('lower(email) = ?', [email.trim().toLowerCase()])
      .where('role', 'customer')
      .if(!this.editor.isStaff, (query) => query.whereIn('id', this.circleQuery()))
      .first()
    if (!user) throw fieldError('subject', this.i18n.t('documents.rights.unknown_person'))
    return user.id
  }

  /**
   * The people a portal user shares customer numbers with: the main
   * contacts and shared users of the numbers they reach.
   */
  protected circleQuery() {
    const numbers = customerAccess.visibleIdsQuery(this.editor)
    return db
      .query()
      .from('customer_numbers')
      .whereIn('id', numbers)
      .whereNotNull('main_contact_id')
      .select('main_contact_id as id')
      .union((shared) =>
        shared
          .from(CustomerNumberShare.table)
          .whereIn('customer_number_id', customerAccess.visibleIdsQuery(this.editor))
          .select('user_id as id')
      )
  }

  protected async findCustomer(reference: string): Promise<number> {
    const value = reference.trim()
    if (!this.editor.isStaff) {
      throw fieldError('subject', this.i18n.t('documents.rights.unknown_customer'))
    }
    const number = await CustomerNumber.findByNumber(value)
    if (number) return number.customerId
    const byName = await Customer.query().whereRaw('lower(name) = ?', [value.toLowerCase()])
    if (byName.length !== 1) {
      throw fieldError('subject', this.i18n.t('documents.rights.unknown_customer'))
    }
    return byName[0].id
  }
}

export { columns as grantColumns }
