/**
 * BullMQ for a plugin's server code: the shared producer of a queue
 * (`queue('<id>-<name>').add(name, data, options)`, retried with backoff by
 * default). The processors are the plugin's `entry.jobs` (docs/plugins.md);
 * queues are named `<plugin id>-<name>`.
 */
export { queue, defaultJobOptions } from '#jobs/queues'
