/**
 * Test helpers a plugin's tests may use (the core's own tests use the same):
 * the core's Lucid factories (tenants, users, customers and their numbers,
 * documents; a tenant's rows through `Factory.for(tenant)`, see
 * database/factories), a clean slate per test (`resetWorld(group)`), API tokens, a small real PDF,
 * enabling a plugin, URLs of a tenant's host for the browser.
 * `client.get(...).forTenant(slug)` and `.loginAs(user)` come with the test
 * client.
 */
import TenantPlugin from '#models/tenant_plugin'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { forgetEnabledPlugins } from '#plugins/menu'

export { TenantFactory } from '#database/factories/tenant_factory'
export { UserFactory, PASSWORD } from '#database/factories/user_factory'
export { CustomerFactory, CustomerNumberFactory } from '#database/factories/customer_factory'
export { DocumentFactory } from '#database/factories/document_factory'
export { resetWorld, freshWorld } from '#tests/support/world'
export { apiToken, pdfFile } from '#tests/support/documents'
export { createCustomer } from '#tests/support/accounts'
export { tenantHost, tenantUrl } from '#tests/support/api_client_macros'
export { runAce } from '#tests/support/processes'
/** `npm start`'s demo data of every installed plugin, on the demo tenant of that slug. */
export { seedPlugins as seedDemoData } from '#plugins/data'

/** Enables a plugin for a tenant with these settings (stored as given, not validated). */
export async function enablePlugin(
  tenant: Tenant,
  pluginId: string,
  settings: Record<string, unknown> = {}
): Promise<void> {
  await tenantContext.run(tenant.id, () =>
    TenantPlugin.updateOrCreate(
      { tenantId: tenant.id, pluginId },
      { enabled: true, settings: JSON.stringify(settings) }
    )
  )
  forgetEnabledPlugins(tenant.id)
}
/** The suite's MailDev: the e-mails a test caused (`maildev.waitFor(address)`). */
export { maildev } from '#tests/support/maildev'
/**
 * Workflow tests (a plugin's `tests/workflows/`): bundle a workflow module,
 * run it on the suite's Temporal server in a worker of its own with
 * stand-in activities that record their calls.
 */
export { bundleWorkflows, recordedActivities, withWorker, sleep } from '#tests/support/workflows'
/** The validation errors a form post flashed, by field (`fieldErrors(response).email`). */
export { fieldErrors } from '#tests/support/api_client_macros'
