import drive from '@adonisjs/drive/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import app from '@adonisjs/core/services/app'
import Tenant from '#models/tenant'
import User, { type Locale as UserLocale } from '#models/user'
import CustomerNumber from '#models/customer_number'
import { MailOutbox } from '#services/mail_outbox'
import { activityLog } from '#services/activity_log'
import { isLocale, type Locale } from '#services/locale'
import { customerAccess, type VisibleNumber } from '#actions/accounts/customer_access'
import { PublishDocument, type PublishInput } from '#actions/documents/publish_document'
import { AddCustomerNumber } from '#actions/accounts/customer_numbers'
import { InviteCustomer } from '#actions/identity/invite_customer'
import { isMailTemplate, type PluginMailTemplateName } from '#mails/templates'
import { PluginService } from '#plugins/plugin_service'
import { PluginSecretStore } from '#plugins/secrets'
import { tenantContext } from '#tenancy/tenant_context'

/** An e-mail of one of the plugin's templates, sent through the core's outbox. */
export interface PluginMail {
  /** Idempotency key: one e-mail per key, ever (prefixed with the plugin id). */
  key: string
  tenantId: number
  /** One of the plugin's `mailTemplates` (`<id>_<name>`). */
  template: PluginMailTemplateName
  to: string
  /** The recipient's language; the tenant's default when not given. */
  locale?: Locale
  data: Record<string, unknown>
}

/**
 * The core's services as a plugin uses them, from its routes, jobs and
 * Temporal activities (`entry.activities` receives this object). Every call
 * names the tenant it works for and runs in that tenant's scope; nothing here
 * reaches another tenant or another plugin's data.
 */
export interface CoreServices {
  pluginId: string
  /** E-mail through the one outbox: recorded, queued, sent once per key, visible to the admin. */
  mail: { send(mail: PluginMail): Promise<{ deliveryId: number; status: string }> }
  /** The plugin's files on the configured disk (local or S3), per tenant: `plugins/<id>/<tenant>/<key>`. */
  drive: {
    put(tenantId: number, key: string, contents: Uint8Array | string): Promise<void>
    get(tenantId: number, key: string): Promise<Uint8Array>
    exists(tenantId: number, key: string): Promise<boolean>
    delete(tenantId: number, key: string): Promise<void>
    /** Every file of the plugin for the tenant (its purge). */
    deleteAll(tenantId: number): Promise<void>
  }
  /** Publishes a document to a customer number, as the publishing API does (idempotent by externalId). */
  documents: {
    publish(
      tenantId: number,
      input: PublishInput
    ): Promise<{ documentId: number; created: boolean }>
  }
  /** A line in the tenant's activity log: type `plugin.event`, the event and details beside. */
  activity: {
    record(input: {
      tenantId: number
      event: string
      userId?: number | null
      customerId?: number | null
      details?: Record<string, string | number | boolean | null>
    }): Promise<void>
  }
  /** Who reaches which customer numbers (the core's one answer to it). */
  customers: {
    numbersOf(tenantId: number, userId: number): Promise<VisibleNumber[]>
    findNumber(
      tenantId: number,
      number: string
    ): Promise<{ id: number; number: string; customerId: number } | null>
    /** The text of customer numbers by id ("W-100042"); unknown ids are left out. */
    numbersByIds(tenantId: number, ids: number[]): Promise<Map<number, string>>
    /**
     * A new customer with one customer number and its main contact (ACC-1),
     * as staff add one: the contact is invited to the portal by the core's
     * invitation workflow when they have no account yet. Refusals (a number
     * taken or of the wrong format, no free seat) throw the core's
     * user-facing errors, in the staff member's language.
     */
    open(
      tenantId: number,
      input: {
        name: string
        number: string
        mainContact: {
          email: string
          firstName?: string | null
          lastName?: string | null
          locale?: UserLocale | null
        }
        /** The staff member who asked for it (the invitation names them). */
        staffUserId: number
      }
    ): Promise<{ id: number; number: string; customerId: number; mainContactId: number | null }>
  }
  /** An absolute URL on the tenant's portal host, for links in e-mails (`/utility/move-in`). */
  url(tenantId: number, path: string): Promise<string>
  /** Users of the tenant by id, as pages name them (full name, else e-mail address). */
  users: { names(tenantId: number, ids: number[]): Promise<Map<number, string>> }
  /** The tenant's settings of this plugin (secret fields included: server side only). */
  settings(tenantId: number): Promise<Record<string, unknown>>
  /** This plugin's encrypted secret store for the tenant (`work` runs in its scope). */
  secrets<T>(tenantId: number, work: (store: PluginSecretStore) => Promise<T>): Promise<T>
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,200}$/

export function coreServices(pluginId: string): CoreServices {
  const driveKey = (tenantId: number, key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Invalid file key "${key}"`)
    return `plugins/${pluginId}/${tenantId}/${key}`
  }
  const tenantOf = (tenantId: number) =>
    tenantContext.runUnscoped(`plugin ${pluginId}`, () => Tenant.findOrFail(tenantId))

  return {
    pluginId,
    mail: {
      async send(mail) {
        if (!mail.template.startsWith(`${pluginId}_`) || !isMailTemplate(mail.template)) {
          throw new Error(`Plugin "${pluginId}" has no e-mail template "${mail.template}"`)
        }
        const tenant = await tenantOf(mail.tenantId)
        const delivery = await new MailOutbox().send({
          key: `${pluginId}.${mail.key}`,
          tenantId: mail.tenantId,
          template: mail.template,
          to: mail.to,
          locale: mail.locale && isLocale(mail.locale) ? mail.locale : tenant.defaultLocale,
          data: mail.data,
        })
        return { deliveryId: delivery.id, status: delivery.status }
      },
    },
    drive: {
      async put(tenantId, key, contents) {
        await drive.use().put(driveKey(tenantId, key), contents)
      },
      async get(tenantId, key) {
        return drive.use().getBytes(driveKey(tenantId, key))
      },
      async exists(tenantId, key) {
        return drive.use().exists(driveKey(tenantId, key))
      },
      async delete(tenantId, key) {
        await drive.use().delete(driveKey(tenantId, key))
      },
      async deleteAll(tenantId) {
        await drive.use().deleteAll(`plugins/${pluginId}/${tenantId}`)
      },
    },
    documents: {
      async publish(tenantId, input) {
        const tenant = await tenantOf(tenantId)
        const result = await tenantContext.run(tenantId, () =>
          new PublishDocument(tenant, i18nManager.locale(tenant.defaultLocale)).handle(input)
        )
        return { documentId: result.document.id, created: result.created }
      },
    },
    activity: {
      async record(input) {
        const actor = input.userId
          ? await tenantContext.run(input.tenantId, () => User.find(input.userId!))
          : null
        await tenantContext.run(input.tenantId, () =>
          activityLog.record({
            type: 'plugin.event',
            actor,
            customerId: input.customerId ?? null,
            details: { plugin: pluginId, event: input.event, ...input.details },
          })
        )
      },
    },
    customers: {
      async numbersOf(tenantId, userId) {
        return tenantContext.run(tenantId, async () => {
          const user = await User.findOrFail(userId)
          return customerAccess.visibleNumbers(user)
        })
      },
      async findNumber(tenantId, number) {
        const row = await tenantContext.run(tenantId, () => CustomerNumber.findByNumber(number))
        return row ? { id: row.id, number: row.number, customerId: row.customerId } : null
      },
      async numbersByIds(tenantId, ids) {
        if (ids.length === 0) return new Map()
        const rows = await tenantContext.run(tenantId, () =>
          CustomerNumber.query().whereIn('id', ids).select('id', 'number')
        )
        return new Map(rows.map((row) => [row.id, row.number]))
      },
      async open(tenantId, input) {
        const tenant = await tenantOf(tenantId)
        return tenantContext.run(tenantId, async () => {
          const staff = await User.findOrFail(input.staffUserId)
          const i18n = i18nManager.locale(staff.locale ?? tenant.defaultLocale)
          const email = User.normalizeEmail(input.mainContact.email)
          if (!(await User.findBy('email', email))) {
            await new InviteCustomer(tenant, i18n).handle({ ...input.mainContact, email }, staff)
          }
          const row = await new AddCustomerNumber(tenant, i18n).handle(
            { customerName: input.name, number: input.number, mainContactEmail: email },
            staff
          )
          return {
            id: row.id,
            number: row.number,
            customerId: row.customerId,
            mainContactId: row.mainContactId,
          }
        })
      },
    },
    users: {
      async names(tenantId, ids) {
        if (ids.length === 0) return new Map()
        const rows = await tenantContext.run(tenantId, () => User.query().whereIn('id', ids))
        return new Map(rows.map((row) => [row.id, row.fullName ?? row.email]))
      },
    },
    async url(tenantId, path) {
      const tenant = await tenantOf(tenantId)
      return tenant.url(path)
    },
    async settings(tenantId) {
      const plugins = await app.container.make(PluginService)
      return tenantContext.run(tenantId, () => plugins.settings(pluginId))
    },
    secrets(tenantId, work) {
      return tenantContext.run(tenantId, () => work(new PluginSecretStore(pluginId)))
    },
  }
}
