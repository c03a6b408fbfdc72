/** @spec TEN-5 */
import Tenant from '#models/tenant'
import PortalMessage, { type PortalMessageType } from '#models/portal_message'
import { tenantContext } from '#tenancy/tenant_context'
import { sanitizeRichText } from '#services/rich_text'
import type { PortalPage } from '#services/portal_pages'

interface DemoMessage {
  page: PortalPage
  type: PortalMessageType
  nl: string
  fr: string
  en: string
}

/** TEN-5: what the demo portal announces before and after login. */
const MESSAGES: DemoMessage[] = [
  {
    page: 'auth/login',
    type: 'warning',
    nl: '<p><strong>Gepland onderhoud</strong> op zaterdag van 6.00 tot 8.00 uur: het portaal is dan even niet bereikbaar.</p>',
    fr: '<p><strong>Maintenance prévue</strong> samedi de 6 h à 8 h : le portail sera brièvement indisponible.</p>',
    en: '<p><strong>Planned maintenance</strong> on Saturday from 6:00 to 8:00: the portal is briefly unavailable then.</p>',
  },
  {
    page: 'portal/home',
    type: 'neutral',
    nl: '<h3>Welkom in uw klantportaal</h3><ul><li>Uw facturen en creditnota’s staan onder <strong>Documenten</strong>.</li><li>Deel een klantnummer met uw boekhouder onder <em>Gedeelde gebruikers</em>.</li></ul><p>Vragen? Mail <a href="mailto:support@demo.example">support@demo.example</a>.</p>',
    fr: '<h3>Bienvenue dans votre portail client</h3><ul><li>Vos factures et notes de crédit se trouvent sous <strong>Documents</strong>.</li><li>Partagez un numéro client avec votre comptable sous <em>Utilisateurs partagés</em>.</li></ul><p>Des questions ? Écrivez à <a href="mailto:support@demo.example">support@demo.example</a>.</p>',
    en: '<h3>Welcome to your customer portal</h3><ul><li>Your invoices and credit notes are under <strong>Documents</strong>.</li><li>Share a customer number with your accountant under <em>Shared users</em>.</li></ul><p>Questions? Write to <a href="mailto:support@demo.example">support@demo.example</a>.</p>',
  },
  {
    page: 'portal/documents',
    type: 'important',
    nl: '<p>Ons rekeningnummer is gewijzigd: betaal vanaf nu op <span style="color: #b91c1c"><strong>BE71 0961 2345 6769</strong></span>.</p>',
    fr: '<p>Notre numéro de compte a changé : payez désormais sur <span style="color: #b91c1c"><strong>BE71 0961 2345 6769</strong></span>.</p>',
    en: '<p>Our bank account has changed: from now on, please pay to <span style="color: #b91c1c"><strong>BE71 0961 2345 6769</strong></span>.</p>',
  },
]

/**
 * The demo tenant's portal messages, when it has none yet (a second start
 * keeps the admin's changes).
 */
export async function seedDemoPortalMessages(slug: string) {
  const tenant = await tenantContext.runUnscoped('seed demo data', () =>
    Tenant.findByOrFail('slug', slug)
  )
  await tenantContext.run(tenant.id, async () => {
    if (await PortalMessage.query().first()) return
    for (const [index, message] of MESSAGES.entries()) {
      await PortalMessage.create({
        tenantId: tenant.id,
        page: message.page,
        type: message.type,
        position: index + 1,
        bodyNl: sanitizeRichText(message.nl).html,
        bodyFr: sanitizeRichText(message.fr).html,
        bodyEn: sanitizeRichText(message.en).html,
      })
    }
  })
}
