import type Tenant from '#models/tenant'
import { recordSettingsChange, type SettingsActor } from '#actions/tenancy/settings_change'

export interface ContactDetailsInput {
  supportEmail?: string | null
  websiteUrl?: string | null
  supportPhone?: string | null
}

/**
 * TEN-4: the support e-mail, website and phone in the portal's footer; a
 * field left empty is removed.
 *
 * @spec TEN-4
 */
export class UpdateContactDetails {
  constructor(protected tenant: Tenant) {}

  async handle(input: ContactDetailsInput, by: SettingsActor): Promise<void> {
    this.tenant.merge({
      supportEmail: input.supportEmail ?? null,
      websiteUrl: input.websiteUrl ?? null,
      supportPhone: input.supportPhone ?? null,
    })
    await this.tenant.save()
    await recordSettingsChange(by, 'contact')
  }
}
