/**
 * The move-in wizard's data (UTIL-2), shared by the workflow (which keeps
 * it), the server (which checks each step before handing it over) and the
 * pages (which show it). Plain types and constants only: the browser and
 * the workflow sandbox load this file too (no Node built-ins, no `#…`).
 *
 * @spec UTIL-2
 */

export const MOVE_IN_LOCALES = ['nl', 'fr', 'en'] as const
export type MoveInLocale = (typeof MOVE_IN_LOCALES)[number]

export const UTILITY_SERVICES = [
  'heat',
  'hot_water',
  'cooling',
  'electricity',
  'water',
  'gas',
] as const
export type UtilityService = (typeof UTILITY_SERVICES)[number]

/** The products a resident can choose per service (labels: `utility.products.<code>`). */
export const PRODUCTS: Record<UtilityService, readonly string[]> = {
  heat: ['fixed', 'variable'],
  hot_water: ['fixed', 'variable'],
  cooling: ['basic', 'comfort'],
  electricity: ['fixed', 'variable', 'green'],
  water: ['standard'],
  gas: ['fixed', 'variable'],
}

/** The version of the supply terms a resident accepts in step 7. */
export const TERMS_VERSION = '2026-01'

/** The steps with answers; step 7 (review and confirm) has none of its own. */
export const ANSWER_STEPS = [
  'premise',
  'moveDate',
  'resident',
  'services',
  'readings',
  'payment',
] as const
export type AnswerStep = (typeof ANSWER_STEPS)[number]

/** Step 1: the premise found (or the address typed when none was found). */
export interface PremiseAnswer {
  /** How the resident searched: postal code and meter, or the address. */
  mode: 'meter' | 'address'
  /** Null when no premise matched: staff check the typed address. */
  premiseId: number | null
  postalCode: string
  meterSerial: string | null
  street: string
  houseNumber: string
  unit: string | null
  city: string
  /** "Zuidparklaan 12 bus 3, 9000 Gent". */
  label: string
  /** The services the premise is connected to (all offered ones for an unknown premise). */
  services: UtilityService[]
  /** Its meters, with the last reading known to us. */
  meters: {
    id: number
    serial: string
    service: UtilityService
    unit: string
    lastValue: number | null
    lastReadOn: string | null
  }[]
}

/** Step 2: the key handover date (ISO date). */
export interface MoveDateAnswer {
  moveDate: string
}

export interface PostalAddress {
  street: string
  houseNumber: string
  unit: string | null
  postalCode: string
  city: string
  country: string
}

/** Step 3: who moves in. */
export interface ResidentAnswer {
  kind: 'person' | 'organisation'
  firstName: string
  lastName: string
  /** Organisations only. */
  organisationName: string | null
  /** Organisations only: the Belgian company number, "0123.456.749". */
  companyNumber: string | null
  email: string
  phone: string
  locale: MoveInLocale
  /** Letters go to the premise or to another address. */
  correspondence: 'premise' | 'other'
  address: PostalAddress | null
}

/** Step 4: the product chosen for each service of the premise. */
export interface ServicesAnswer {
  choices: { service: UtilityService; product: string }[]
}

/** Step 5: one reading per meter. */
export interface ReadingAnswer {
  /** Null for a meter the resident typed on an unknown premise. */
  meterId: number | null
  serial: string
  service: UtilityService
  value: number
  readOn: string
  /** Lower than the last reading we know: the resident confirmed it. */
  lowerThanLast: boolean
  /** A photo of the meter or the signed takeover document, in the plugin's files. */
  attachment: { key: string; name: string; mime: string } | null
}

export interface ReadingsAnswer {
  readings: ReadingAnswer[]
}

/** Step 6: how the resident pays. */
export interface PaymentAnswer {
  method: 'direct_debit' | 'transfer'
  /** Direct debit only: the account, electronic format ("BE68539007547034"). */
  iban: string | null
  holder: string | null
  /** Direct debit only: when the resident accepted the SEPA mandate. */
  mandateAcceptedAt: string | null
  advanceCents: number
}

export interface MoveInAnswers {
  premise?: PremiseAnswer
  moveDate?: MoveDateAnswer
  resident?: ResidentAnswer
  services?: ServicesAnswer
  readings?: ReadingsAnswer
  payment?: PaymentAnswer
}

/** Step 7: the terms accepted. */
export interface ConfirmInput {
  termsVersion: string
  acceptedAt: string
}

/** What the wizard's query answers. */
export interface MoveInState {
  status: 'open' | 'confirmed' | 'abandoned'
  /** Steps 1 to 6 completed so far, in order (0 to 6); step 7 opens at 6. */
  completed: number
  answers: MoveInAnswers
  /** The move request's reference once confirmed ("MI-2026-00042"). */
  reference: string | null
  locale: MoveInLocale
}

/** Input of a move-in workflow. */
export interface MoveInInput {
  v: 1
  tenantId: number
  /** The wizard's key (a UUID), also in the workflow id. */
  key: string
  locale: MoveInLocale
  /** Days without activity before the reminder e-mail, and before the wizard is dropped. */
  reminderDays: number
  abandonDays: number
}

/** One step's answers, as the `saveStep` update carries them. */
export type SaveStepInput =
  | { step: 1; answer: PremiseAnswer }
  | { step: 2; answer: MoveDateAnswer }
  | { step: 3; answer: ResidentAnswer }
  | { step: 4; answer: ServicesAnswer }
  | { step: 5; answer: ReadingsAnswer }
  | { step: 6; answer: PaymentAnswer }

export function moveInWorkflowId(tenantId: number, key: string): string {
  return `utility-movein-t${tenantId}-${key}`
}
