import type { SlotProps } from '#core/plugins'
import { coreServices } from '#core/services'
import Contract from '../app/models/contract.js'
import Invoice from '../app/models/invoice.js'

const core = coreServices('utility')

/**
 * UTIL-4, the portal home's overview: per current contract of the customer
 * numbers the user reaches (their own or shared with them), its premises,
 * services and products, the monthly advance and the start date; and the
 * open invoices with the amount due. Nothing for staff or visitors.
 *
 * @spec UTIL-4
 */
const props: SlotProps = async ({ user, tenant }) => {
  if (!user || user.role !== 'customer') return null
  const numbers = await core.customers.numbersOf(tenant.id, user.id)
  if (numbers.length === 0) return null
  const numberOf = new Map(numbers.map((row) => [row.id, row.number]))
  const contracts = await Contract.query()
    .whereIn('customer_number_id', [...numberOf.keys()])
    .whereNull('ends_on')
    .preload('premises', (premises) => premises.preload('premise').orderBy('premise_id'))
    .preload('services', (services) => services.orderBy('service'))
    .orderBy('starts_on')
  if (contracts.length === 0) return null
  const open = await Invoice.query()
    .whereIn(
      'contract_id',
      contracts.map((contract) => contract.id)
    )
    .where('status', 'open')
    .orderBy('due_on')
  const due = new Map<string, number>()
  for (const invoice of open) {
    due.set(invoice.currency, (due.get(invoice.currency) ?? 0) + invoice.amountCents)
  }
  return {
    contracts: contracts.map((contract) => ({
      reference: contract.reference,
      customerNumber: numberOf.get(contract.customerNumberId) ?? '',
      premises: contract.premises.map((row) => row.premise.address),
      services: contract.services.map((row) => ({ service: row.service, product: row.product })),
      advanceCents: contract.monthlyAdvanceCents,
      currency: contract.currency,
      startsOn: contract.startsOn.toISODate()!,
    })),
    openInvoices: {
      count: open.length,
      due: [...due].map(([currency, cents]) => ({ currency, cents })),
      nextDueOn: open[0]?.dueOn.toISODate() ?? null,
    },
  }
}
export default props
