/**
 * The staff pages of move requests (UTIL-2): the props the server renders
 * `utility/admin/moves/index` and `utility/admin/moves/show` with. Plain
 * types only: the browser loads this file too.
 *
 * Dates: `moveDate` and `since` are ISO dates ("2026-03-01"); `createdAt`,
 * `doneAt`, `acceptedAt` and `mandateAcceptedAt` are ISO timestamps.
 *
 * @spec UTIL-2
 */
import type { ConfirmInput, MoveInAnswers } from './move_in.js'
import type { MoveOutAnswers } from './move_out.js'

/** The list's tabs: `open` is new and waiting together. */
export type MoveTab = 'open' | 'processed' | 'rejected' | 'all'
export type MoveStatus = 'new' | 'waiting' | 'processed' | 'rejected'
export type MoveKind = 'move_in' | 'move_out'
/** The four tasks of every request, in the order staff work through them. */
export type MoveTaskName =
  'confirm_customer' | 'confirm_location' | 'confirm_contract' | 'confirm_measurements'

/** One line of the list. */
export interface MoveRequestRow {
  id: number
  /** "MI-2026-00042". */
  reference: string
  kind: MoveKind
  status: MoveStatus
  /** The premise's label, or the address the resident typed. */
  premise: string
  moveDate: string
  /** The resident's name (or organisation). */
  resident: string
  email: string
  createdAt: string
  /** Tasks done, 0 to 4. */
  tasksDone: number
}

/** Props of `utility/admin/moves/index`: one tab, its filters, and its rows. */
export interface MoveRequestList {
  tab: MoveTab
  /** Null: both kinds. */
  kind: MoveKind | null
  /** The premise search as typed (street, postal code or connection code); '' when none. */
  premise: string
  /** Requests per tab, with the current filters. */
  counts: Record<MoveTab, number>
  rows: MoveRequestRow[]
}

/** Props of `utility/admin/moves/show`: one request, its premise, answers and tasks. */
export interface MoveRequestDetail {
  request: {
    id: number
    reference: string
    kind: MoveKind
    status: MoveStatus
    /** Why it waits or was rejected (what staff typed). */
    statusMessage: string | null
    moveDate: string
    createdAt: string
    email: string
    locale: 'nl' | 'fr' | 'en'
    /** Once processed: the contract and the customer number created. */
    contractReference: string | null
    customerNumber: string | null
  }
  premise: {
    id: number | null
    label: string
    /** False when no premise matched what the resident typed. */
    known: boolean
    /** The premise's current contract, which processing a move-in ends. */
    currentContract: { reference: string; customerNumber: string; since: string } | null
  }
  answers: MoveInAnswers & { terms?: ConfirmInput }
  /** A move-out's answers (UTIL-3); null for a move-in, whose answers are `answers`. */
  moveOut: MoveOutAnswers | null
  tasks: { task: MoveTaskName; doneAt: string | null; doneBy: string | null }[]
  /** All four tasks done and the request new or waiting. */
  canProcess: boolean
  /** The readings' attachments, by meter serial, with a URL staff can open. */
  attachments: { serial: string; name: string; url: string }[]
}
