/**
 * A move-out (UTIL-3), as the logged-in customer reports it and staff read
 * it: plain types shared by the server and the pages.
 *
 * @spec UTIL-3
 */
import type { PostalAddress, UtilityService } from './move_in.js'

/** A meter of the premise left, with the last reading known to us. */
export interface MoveOutMeter {
  id: number
  serial: string
  service: UtilityService
  unit: string
  lastValue: number | null
  lastReadOn: string | null
}

/** What the move-out page offers: the customer's current contracts and their premises. */
export interface MoveOutContract {
  id: number
  reference: string
  customerNumber: string
  startsOn: string
  premises: { id: number; label: string; meters: MoveOutMeter[] }[]
}

/** One of the customer's move requests, as the page lists them. */
export interface OwnMoveRequest {
  reference: string
  kind: 'move_in' | 'move_out'
  status: 'new' | 'waiting' | 'processed' | 'rejected'
  premise: string
  moveDate: string
  statusMessage: string | null
}

/** Props of the page `utility/move_out/form`. */
export interface MoveOutPage {
  contracts: MoveOutContract[]
  /** Allowed move-out dates, ISO. */
  window: { from: string; to: string }
  /** A fresh UUID per render; the form sends it back (a double submit is one request). */
  submissionId: string
  requests: OwnMoveRequest[]
}

/** The answers of a move-out, as stored with its move request. */
export interface MoveOutAnswers {
  contract: { id: number; reference: string; customerNumber: string }
  premise: { id: number; label: string }
  moveDate: string
  readings: {
    meterId: number
    serial: string
    service: UtilityService
    value: number
    readOn: string
    lowerThanLast: boolean
  }[]
  forwardingAddress: PostalAddress
  nextOccupant: { name: string; email: string | null; phone: string | null } | null
  reportedBy: { userId: number; name: string; email: string }
}
