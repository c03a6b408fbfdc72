import type { I18n } from '@adonisjs/i18n'

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
} as const

export type MailTemplateName = keyof typeof mailTemplates

export function isMailTemplate(name: string): name is MailTemplateName {
  return Object.hasOwn(mailTemplates, name)
}
