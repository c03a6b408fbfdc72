/** @spec TEN-6 TEN-7 */
import type { I18n } from '@adonisjs/i18n'
import { effectiveBranding } from '#services/branding'
import { DateTime } from 'luxon'
import type Tenant from '#models/tenant'
import { type MailAttachment, prepareDocumentsPublished } from '#mails/documents_published'

/**
 * What one e-mail of the platform needs. Its wording is a Liquid template
 * per language: the platform's default (resources/mail_templates/<locale>/
 * <name>.liquid) or the tenant's own (TEN-6, table `mail_templates`).
 */
export interface MailTemplateDefinition {
  /**
   * The variables its template may use besides the common ones, in the
   * editor's order. A template naming any other variable is refused on save.
   * Each has a description per language (`mail_templates.variables.<name>`).
   */
  variables: readonly string[]
  /**
   * Example data, shaped as the sender passes it (after `prepare`), for the
   * editor's preview and test e-mails.
   */
  sample: (tenant: Tenant) => Record<string, unknown>
  /** Reads what the e-mail needs from the database when it is sent. */
  prepare?: (
    data: Record<string, unknown>,
    tenant: Tenant | null
  ) => Promise<{ view: Record<string, unknown>; attachments: MailAttachment[] }>
  /**
   * Formats values in the recipient's language (dates, amounts), so that
   * templates stay free of logic. Values not listed here pass unchanged.
   */
  format?: (data: Record<string, unknown>, i18n: I18n) => Record<string, unknown>
  /** Where an answer goes, when not to the platform's sender (TEN-4: the customer who asked). */
  replyTo?: (data: Record<string, unknown>) => string | null
}

/** Variables every template may use: the tenant's name, colour (and the text colour on it) and portal address. */
export const COMMON_VARIABLES = ['tenantName', 'primaryColor', 'onPrimary', 'portalUrl'] as const

export const MAIL_TEMPLATE_NAMES = [
  'invitation',
  'password_reset',
  'email_code',
  'email_change',
  'registration_confirm',
  'registration_approve',
  'registration_existing',
  'login_unlock',
  'security_notice',
  'documents_published',
  'document_uploaded',
  'help_request',
] as const
export type CoreMailTemplateName = (typeof MAIL_TEMPLATE_NAMES)[number]
/** A plugin's e-mail: `<plugin id>_<name>` (its manifest's `mailTemplates`). */
export type PluginMailTemplateName = `${string}_${string}`
export type MailTemplateName = CoreMailTemplateName | PluginMailTemplateName

/**
 * A plugin's e-mail as the core knows it: its variables with sample values
 * (manifest), its default texts (`<plugin>/mail_templates/<locale>/<name>.liquid`)
 * and, in the plugin's `lang/<locale>/mail.json`, its name, purpose and the
 * description of each variable.
 */
export interface PluginMailTemplate {
  pluginId: string
  folder: string
  /** The file name under mail_templates/<locale>/, without `.liquid`. */
  file: string
  definition: MailTemplateDefinition
}

const pluginTemplates = new Map<string, PluginMailTemplate>()

/** Called once the plugins are loaded (app provider): their e-mails join the core's. */
export function registerPluginMailTemplates(
  plugins: {
    id: string
    folder: string
    manifest: { mailTemplates?: { name: string; variables: Record<string, string | number> }[] }
  }[]
) {
  pluginTemplates.clear()
  for (const plugin of plugins) {
    for (const template of plugin.manifest.mailTemplates ?? []) {
      pluginTemplates.set(template.name, {
        pluginId: plugin.id,
        folder: plugin.folder,
        file: template.name.slice(plugin.id.length + 1),
        definition: {
          variables: Object.keys(template.variables),
          sample: () => ({ ...template.variables }),
        },
      })
    }
  }
}

/** The plugin an e-mail belongs to, or undefined for the core's. */
export function pluginMailTemplate(name: string): PluginMailTemplate | undefined {
  return pluginTemplates.get(name)
}

/** Every e-mail: the core's, then the installed plugins'. */
export function mailTemplateNames(): MailTemplateName[] {
  return [...MAIL_TEMPLATE_NAMES, ...(pluginTemplates.keys() as Iterable<PluginMailTemplateName>)]
}

export function templateDefinition(name: MailTemplateName): MailTemplateDefinition {
  const plugin = pluginTemplates.get(name)
  if (plugin) return plugin.definition
  return mailTemplates[name as CoreMailTemplateName]
}

/** A document line of the DOC-6 notification, as `prepareDocumentsPublished` reads it. */
interface PublishedDocumentRow {
  title: string
  number: string | null
  customerNumber: string
  issueDate: string
  amount: number | null
  currency: string
  url: string
  attached: boolean
}

/**
 * Every e-mail the platform sends, by template name.
 */
export const mailTemplates: Record<CoreMailTemplateName, MailTemplateDefinition> = {
  invitation: {
    variables: ['firstName', 'activationUrl', 'expiresAt'],
    sample: (tenant) => ({
      firstName: 'Marie',
      activationUrl: tenant.url('/activate/sample-link'),
      expiresAt: DateTime.now().plus({ days: 5 }).toISO(),
    }),
    format: (data, i18n) => ({
      expiresAt: i18n.formatDate(new Date(String(data.expiresAt)), {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Brussels',
      }),
    }),
  },
  password_reset: {
    variables: ['firstName', 'account', 'resetUrl', 'validMinutes'],
    sample: (tenant) => ({
      firstName: 'Marie',
      account: 'marie@example.com',
      resetUrl: tenant.url('/reset-password/sample-link'),
      validMinutes: 60,
    }),
  },
  email_code: {
    variables: ['firstName', 'code', 'purpose', 'validMinutes'],
    sample: () => ({
      firstName: 'Marie',
      code: '123456',
      purpose: 'recovery_email',
      validMinutes: 15,
    }),
  },
  email_change: {
    variables: ['firstName', 'newEmail', 'confirmUrl', 'validHours'],
    sample: (tenant) => ({
      firstName: 'Marie',
      newEmail: 'marie.new@example.com',
      confirmUrl: tenant.url('/confirm-email/sample-link'),
      validHours: 24,
    }),
  },
  registration_confirm: {
    variables: ['firstName', 'account', 'customerNumber', 'confirmUrl', 'validHours'],
    sample: (tenant) => ({
      firstName: 'Marie',
      account: 'marie@example.com',
      customerNumber: 'DL2000101',
      confirmUrl: tenant.url('/register/confirm/sample-link'),
      validHours: 48,
    }),
  },
  registration_approve: {
    variables: ['account', 'customerNumber', 'confirmUrl', 'validHours'],
    sample: (tenant) => ({
      account: 'marie.private@example.com',
      customerNumber: 'EAN541448920000012',
      confirmUrl: tenant.url('/register/confirm/sample-link'),
      validHours: 48,
    }),
  },
  registration_existing: {
    variables: ['firstName', 'account', 'loginUrl', 'forgotPasswordUrl'],
    sample: (tenant) => ({
      firstName: 'Marie',
      account: 'marie@example.com',
      loginUrl: tenant.url('/login'),
      forgotPasswordUrl: tenant.url('/forgot-password'),
    }),
  },
  login_unlock: {
    variables: ['firstName', 'account', 'unlockUrl', 'forgotPasswordUrl', 'validMinutes'],
    sample: (tenant) => ({
      firstName: 'Marie',
      account: 'marie@example.com',
      unlockUrl: tenant.url('/login/unlock/1?signature=sample'),
      forgotPasswordUrl: tenant.url('/forgot-password'),
      validMinutes: 60,
    }),
  },
  security_notice: {
    variables: ['firstName', 'account', 'change', 'when', 'ip', 'securityUrl', 'forgotPasswordUrl'],
    sample: (tenant) => ({
      firstName: 'Marie',
      account: 'marie@example.com',
      change: 'password_changed',
      when: DateTime.now().toISO(),
      ip: '203.0.113.7',
      securityUrl: tenant.url('/account/security'),
      forgotPasswordUrl: tenant.url('/forgot-password'),
    }),
    format: (data, i18n) => ({
      when: i18n.formatDate(new Date(String(data.when)), {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Brussels',
      }),
    }),
  },
  documents_published: {
    variables: ['firstName', 'total', 'documents', 'more', 'listUrl', 'activationUrl'],
    sample: (tenant) => ({
      firstName: 'Marie',
      total: 3,
      more: 1,
      listUrl: tenant.url('/documents'),
      activationUrl: null,
      documents: [
        {
          title: 'Lease December',
          number: 'INV-2026-0042',
          customerNumber: 'DL2000101',
          issueDate: DateTime.now().toISODate(),
          amount: 123456,
          currency: 'EUR',
          url: tenant.url('/documents/1'),
          attached: false,
        },
        {
          title: 'Annual statement',
          number: null,
          customerNumber: 'DL5000102',
          issueDate: DateTime.now().minus({ days: 3 }).toISODate(),
          amount: null,
          currency: 'EUR',
          url: tenant.url('/documents/2'),
          attached: true,
        },
      ] satisfies PublishedDocumentRow[],
    }),
    /** Reads the documents (and the attachments) when the e-mail is sent. */
    prepare: prepareDocumentsPublished,
    format: (data, i18n) => ({
      documents: ((data.documents as PublishedDocumentRow[] | undefined) ?? []).map((row) => ({
        title: row.title,
        number: row.number || null,
        customerNumber: row.customerNumber,
        date: i18n.formatDate(new Date(row.issueDate), { dateStyle: 'medium', timeZone: 'UTC' }),
        amount:
          row.amount === null || row.amount === undefined
            ? null
            : i18n.formatCurrency(row.amount / 100, { currency: row.currency }),
        attached: row.attached,
        url: row.url,
      })),
      more: Number(data.more ?? 0),
      total: Number(data.total ?? 0),
    }),
  },
  document_uploaded: {
    variables: ['firstName', 'uploader', 'customerNumber', 'title', 'documentUrl'],
    sample: (tenant) => ({
      firstName: 'Marie',
      uploader: 'Jan Peeters',
      customerNumber: 'DL2000101',
      title: 'Meter reading March',
      documentUrl: tenant.url('/documents/1'),
    }),
  },
  help_request: {
    variables: ['senderName', 'senderEmail', 'topic', 'lines', 'signedIn'],
    sample: () => ({
      senderName: 'Marie Dubois',
      senderEmail: 'marie@example.com',
      topic: 'Invoice 2026-0042',
      message: 'Hello,\nthe amount of this invoice differs from our contract.\nCould you check it?',
      signedIn: true,
    }),
    /** The message line by line: the template puts a line break between them, escaped. */
    format: (data) => ({
      lines: String(data.message ?? '')
        .split(/\r?\n/)
        .map((line) => line.trimEnd()),
    }),
    replyTo: (data) => (typeof data.senderEmail === 'string' ? data.senderEmail : null),
  },
}

export function isMailTemplate(name: string): name is MailTemplateName {
  return (MAIL_TEMPLATE_NAMES as readonly string[]).includes(name) || pluginTemplates.has(name)
}

/** Every variable a template of this e-mail may use: its own, then the common ones. */
export function variablesOf(name: MailTemplateName): string[] {
  return [...templateDefinition(name).variables, ...COMMON_VARIABLES]
}

/**
 * The values a template is rendered with: the declared variables only,
 * formatted in the recipient's language, with the tenant's own. An empty
 * text becomes nil, so `{% if firstName %}` reads as one expects.
 */
export function templateVariables(
  name: MailTemplateName,
  data: Record<string, unknown>,
  tenant: Tenant | null,
  i18n: I18n
): Record<string, unknown> {
  const definition = templateDefinition(name)
  const formatted = { ...data, ...(definition.format ? definition.format(data, i18n) : {}) }
  const values: Record<string, unknown> = {}
  for (const variable of definition.variables) {
    const value = formatted[variable]
    values[variable] = value === '' || value === undefined ? null : value
  }
  values.tenantName = tenant?.name ?? ''
  const branding = tenant ? effectiveBranding(tenant) : null
  values.primaryColor = branding?.primaryColor ?? '#1d4ed8'
  values.onPrimary = branding?.onPrimary ?? '#ffffff'
  values.portalUrl = tenant ? tenant.url('/') : null
  return values
}
