/**
 * Every security-relevant event the activity log records (TEN-9), and a
 * plugin's own events as `plugin.event`. The type is also the key of its
 * label in resources/lang/<locale>/ui.json (`activity.types.<type>`). Kept
 * apart from the service so that the generated schema classes
 * (database/schema.ts) name the type without importing a service.
 *
 * @spec TEN-9
 */
export const ACTIVITY_TYPES = [
  'login.succeeded',
  'login.failed',
  'login.locked',
  'login.unlocked',
  'login.two_step_failed',
  'logout',
  'mail.retried',
  'session.ended',
  'two_step.enabled',
  'two_step.disabled',
  'two_step.declined',
  'two_step.device_reset',
  'recovery_email.verified',
  'password.changed',
  'password.reset',
  'email.change_requested',
  'email.changed',
  'profile.updated',
  'invitation.sent',
  'account.activated',
  'share.granted',
  'share.revoked',
  'main_contact.handed_over',
  'user.blocked',
  'user.unblocked',
  'user.password_reset_sent',
  'user.account_reset',
  'registration.requested',
  'registration.refused',
  'registration.existing_account',
  'registration.approved',
  'registration.confirmed',
  'activation_code.issued',
  'document.uploaded',
  'document.deleted',
  'document.classified',
  'document.rights_changed',
  'category.rights_changed',
  'api_token.created',
  'api_token.revoked',
  'mail_template.updated',
  'mail_template.reset',
  'portal_message.created',
  'portal_message.updated',
  'portal_message.moved',
  'portal_message.deleted',
  'plugin.enabled',
  'plugin.disabled',
  'plugin.settings_changed',
  /** A plugin's own event (details: plugin, event, …), recorded through its core services. */
  'plugin.event',
  'tenant.settings_changed',
] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]
