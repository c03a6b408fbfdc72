import { randomUUID } from 'node:crypto'
import { mailBranding } from '#services/branding'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import { errors as vineErrors } from '@vinejs/vine'
import MailTemplate from '#models/mail_template'
import type Tenant from '#models/tenant'
import type User from '#models/user'
import {
  checkTemplate,
  defaultSource,
  renderMail,
  type MailSource,
  type RenderedMail,
} from '#mails/liquid_mail'
import {
  mailTemplateNames,
  pluginMailTemplate,
  templateDefinition,
  templateVariables,
  variablesOf,
  type MailTemplateName,
} from '#mails/templates'
import { TEMPLATE_TEST_KEY } from '#mails/template_source'
import { enabledIds } from '#plugins/menu'
import { MailOutbox } from '#services/mail_outbox'
import type { Locale } from '#services/locale'

/**
 * One of the portal's e-mails for the list: its name and purpose in the
 * admin's language and the tenant's own versions of it (`updatedBy`
 * preloaded), at most one per language.
 */
export type MailTemplateListing = {
  name: MailTemplateName
  label: string
  purpose: string
  customisations: MailTemplate[]
}

/**
 * One e-mail in one language in the editor: the tenant's version (`own`,
 * `updatedBy` preloaded) or else the default text, and the variables it may
 * use with their descriptions and sample values.
 */
export type MailTemplateDraft = {
  name: MailTemplateName
  locale: Locale
  label: string
  language: string
  own: MailTemplate | null
  subject: string
  body: string
  variables: { name: string; description: string; sample: string | null }[]
}

/**
 * TEN-6: a tenant admin's view on the e-mails of the portal: which ones are
 * customised in which language, the editor of one (with its variables and
 * sample data), saving (checked first: a refused template leaves the stored
 * one as it was), reset to the default, preview and test e-mail.
 * `i18n` is the admin's language, for names, descriptions and messages.
 *
 * @spec TEN-6
 */
export class MailTemplateEditor {
  constructor(
    protected tenant: Tenant,
    protected i18n: I18n
  ) {}

  async list(): Promise<MailTemplateListing[]> {
    const own = await MailTemplate.query().preload('updatedBy')
    // A plugin's e-mails are listed for the tenants that enabled it.
    const enabled = await enabledIds(this.tenant.id)
    const names = mailTemplateNames().filter((name) => {
      const plugin = pluginMailTemplate(name)
      return !plugin || enabled.has(plugin.pluginId)
    })
    return names.map((name) => ({
      name,
      label: this.label(name),
      purpose: this.i18n.t(this.textKey(name, 'purposes')),
      customisations: own.filter((template) => template.name === name),
    }))
  }

  async edit(name: MailTemplateName, locale: Locale): Promise<MailTemplateDraft> {
    const own = await this.find(name, locale)
    if (own) await own.load('updatedBy')
    const source = own ? { subject: own.subject, body: own.body } : defaultSource(name, locale)
    const samples = this.sampleVariables(name, locale)
    return {
      name,
      locale,
      label: this.label(name),
      language: this.language(locale),
      own: own ?? null,
      ...source,
      variables: variablesOf(name).map((variable) => ({
        name: variable,
        description: this.i18n.t(this.variableKey(name, variable)),
        sample: this.describeSample(samples[variable]),
      })),
    }
  }

  /**
   * Checks and stores the tenant's template; refused with a validation error
   * per field when it is broken. Tells whether HTML was removed.
   */
  async save(
    name: MailTemplateName,
    locale: Locale,
    input: MailSource,
    by: User
  ): Promise<{ htmlRemoved: boolean }> {
    const checked = this.check(name, locale, input)
    const own = (await this.find(name, locale)) ?? new MailTemplate()
    own.merge({
      name,
      locale,
      subject: checked.source.subject,
      body: checked.source.body,
      updatedById: by.id,
    })
    await own.save()
    return { htmlRemoved: checked.htmlRemoved }
  }

  /** Back to the default text; false when the template was not customised. */
  async reset(name: MailTemplateName, locale: Locale): Promise<boolean> {
    const own = await this.find(name, locale)
    if (!own) return false
    await own.delete()
    return true
  }

  /** The e-mail as a recipient would get it, filled in with the sample data. */
  async preview(name: MailTemplateName, locale: Locale, input: MailSource): Promise<RenderedMail> {
    const checked = this.check(name, locale, input)
    return renderMail(
      checked.source,
      this.sampleVariables(name, locale),
      mailBranding(this.tenant, locale)
    )
  }

  /**
   * Sends the template (saved or not) with the sample data to the admin,
   * through the outbox like every e-mail: the job renders it, marked as a test.
   */
  async sendTest(name: MailTemplateName, locale: Locale, input: MailSource, to: User) {
    const checked = this.check(name, locale, input)
    await new MailOutbox().send({
      key: `mail-template-test.${randomUUID()}`,
      tenantId: this.tenant.id,
      template: name,
      to: to.email,
      locale,
      data: { [TEMPLATE_TEST_KEY]: checked.source },
    })
  }

  label(name: MailTemplateName): string {
    return this.i18n.t(this.textKey(name, 'names'))
  }

  /**
   * Where an e-mail's name or purpose is written: the core's in
   * `mail_templates.<kind>.<name>`, a plugin's in its `mail.json`
   * (`<plugin id>.mail.<kind>.<file name>`).
   */
  protected textKey(name: MailTemplateName, kind: 'names' | 'purposes'): string {
    const plugin = pluginMailTemplate(name)
    return plugin
      ? `${plugin.pluginId}.mail.${kind}.${plugin.file}`
      : `mail_templates.${kind}.${name}`
  }

  /** A plugin's own variables are described in its `mail.json`; the common ones by the core. */
  protected variableKey(name: MailTemplateName, variable: string): string {
    const plugin = pluginMailTemplate(name)
    return plugin && templateDefinition(name).variables.includes(variable)
      ? `${plugin.pluginId}.mail.variables.${variable}`
      : `mail_templates.variables.${variable}`
  }

  language(locale: Locale): string {
    return this.i18n.t(`mail_templates.languages.${locale}`)
  }

  protected check(name: MailTemplateName, locale: Locale, input: MailSource) {
    const checked = checkTemplate(
      name,
      input,
      this.sampleVariables(name, locale),
      locale,
      this.i18n
    )
    if (checked.problems.length > 0) {
      throw new vineErrors.E_VALIDATION_ERROR(
        checked.problems.map((problem) => ({ ...problem, rule: 'template' }))
      )
    }
    return checked
  }

  /** The sample data as a template of this language sees it (formatted in that language). */
  protected sampleVariables(name: MailTemplateName, locale: Locale) {
    return templateVariables(
      name,
      templateDefinition(name).sample(this.tenant),
      this.tenant,
      i18nManager.locale(locale)
    )
  }

  protected describeSample(value: unknown): string | null {
    if (value === null || value === undefined) return null
    if (Array.isArray(value))
      return this.i18n.t('mail_templates.sample_list', { count: value.length })
    return String(value)
  }

  protected find(name: MailTemplateName, locale: Locale) {
    return MailTemplate.query().where('name', name).where('locale', locale).first()
  }
}
