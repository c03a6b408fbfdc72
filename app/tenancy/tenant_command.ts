import { BaseCommand } from '@adonisjs/core/ace'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'

/**
 * An ace command that works on one tenant named by `--tenant <slug>` (each
 * command declares the flag, required or not). `tenantOrExit` finds it or
 * says there is none and sets exit code 1.
 */
export abstract class TenantCommand extends BaseCommand {
  protected async tenantOrExit(slug: string): Promise<Tenant | null> {
    const { default: TenantModel } = await import('#models/tenant')
    const tenant = await tenantContext.runUnscoped('operator command', () =>
      TenantModel.findBy('slug', slug)
    )
    if (!tenant) {
      this.logger.error(`No tenant "${slug}"`)
      this.exitCode = 1
    }
    return tenant
  }
}
