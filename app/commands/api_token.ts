import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { TenantCommand } from '#tenancy/tenant_command'
import { apiTokens } from '#actions/documents/api_tokens'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * `node ace api:token --tenant <slug> --name "<client>"`: creates (or reuses)
 * an API client of the tenant and prints a new bearer token for the
 * publishing API. The token is shown once; only its hash is kept.
 *
 * @spec DOC-1
 */
export default class ApiToken extends TenantCommand {
  static commandName = 'api:token'
  static description = 'Create a publishing API token for a tenant'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Tenant slug', required: true })
  declare tenant: string

  @flags.string({
    description: 'Name of the integration (e.g. "Back office")',
    default: 'Back office',
  })
  declare name: string

  @flags.number({ description: 'Days until the token expires (default: never)' })
  declare days?: number

  async run() {
    const tenant = await this.tenantOrExit(this.tenant)
    if (!tenant) return
    const token = await tenantContext.run(tenant.id, () =>
      apiTokens.issue(tenant.id, this.name, { days: this.days, source: 'node ace api:token' })
    )
    this.logger.success(`Token for "${this.name}" of ${tenant.slug} (shown once):`)
    this.logger.log(token)
  }
}
