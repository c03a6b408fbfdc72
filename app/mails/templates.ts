import type { I18n } from '@adonisjs/i18n'
import { prepareDocumentsPublished } from '#mails/documents_published'

/**
 * Every e-mail the platform sends, by template name: the Edge view that
 * renders it and the translation key of its subject. The data a template
 * needs is listed so that a tenant's template editor can show it (TEN-6).
 */
export const mailTemplates = {
  invitation: {
    view: 'emails/invitation',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.invitation.subject', { tenant: data.tenantName }),
    variables: ['firstName', 'activationUrl', 'expiresAt', 'tenantName'],
  },
  password_reset: {
    view: 'emails/password_reset',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.password_reset.subject', { tenant: data.tenantName }),
    variables: ['firstName', 'account', 'resetUrl', 'validMinutes', 'tenantName'],
  },
  email_code: {
    view: 'emails/email_code',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t(`emails.email_code.subject_${String(data.purpose)}`, { tenant: data.tenantName }),
    variables: ['firstName', 'code', 'purpose', 'validMinutes', 'tenantName'],
  },
  email_change: {
    view: 'emails/email_change',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.email_change.subject', { tenant: data.tenantName }),
    variables: ['firstName', 'newEmail', 'confirmUrl', 'validHours', 'tenantName'],
  },
  registration_confirm: {
    view: 'emails/registration_confirm',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.registration_confirm.subject', { tenant: data.tenantName }),
    variables: ['firstName', 'account', 'customerNumber', 'confirmUrl', 'validHours', 'tenantName'],
  },
  documents_published: {
    view: 'emails/documents_published',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.documents_published.subject', {
        tenant: data.tenantName,
        count: Number(data.total ?? 0),
      }),
    variables: ['firstName', 'documents', 'more', 'listUrl', 'activationUrl', 'tenantName'],
    /** Reads the documents (and the attachments) when the e-mail is sent. */
    prepare: prepareDocumentsPublished,
  },
  document_uploaded: {
    view: 'emails/document_uploaded',
    subject: (i18n: I18n, data: Record<string, unknown>) =>
      i18n.t('emails.document_uploaded.subject', { customerNumber: data.customerNumber }),
    variables: ['firstName', 'uploader', 'customerNumber', 'title', 'documentUrl', 'tenantName'],
  },
} as const

export type MailTemplateName = keyof typeof mailTemplates

export function isMailTemplate(name: string): name is MailTemplateName {
  return Object.hasOwn(mailTemplates, name)
}
