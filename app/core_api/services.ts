/**
 * The core's services for a plugin's routes, jobs and Temporal activities:
 * `coreServices('<id>')`, or the object a plugin's `entry.activities`
 * factory receives. Mail (the outbox), files (the drive), publishing
 * documents, the activity log, customer access, the plugin's settings and
 * secrets.
 */
export { coreServices, type CoreServices, type PluginMail } from '#plugins/services'
export type { PublishInput } from '#actions/documents/publish_document'
export type { ScheduledInput } from '#plugins/schedules'
