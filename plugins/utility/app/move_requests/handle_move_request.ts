import { DateTime } from 'luxon'
import { coreServices } from '#core/services'
import { db, sqlTimestamp } from '#core/database'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { queueRollups } from '../readings/ingest.js'
import MoveRequest from '../models/move_request.js'
import MoveTask from '../models/move_task.js'
import Contract from '../models/contract.js'
import ContractPremise from '../models/contract_premise.js'
import ContractService from '../models/contract_service.js'
import Reading from '../models/reading.js'
import type { MoveInAnswers } from '../../shared/move_in.js'
import type { MoveTaskName } from '../../shared/move_requests.js'
import type { MoveOutAnswers } from '../../shared/move_out.js'

const services = coreServices('utility')

export type StoredAnswers = Required<MoveInAnswers>

export function answersOf(request: MoveRequest): StoredAnswers {
  return JSON.parse(request.answers) as StoredAnswers
}

/** The name a resident is greeted with: the first name, or the organisation. */
export function residentName(answers: MoveInAnswers): string {
  const resident = answers.resident
  if (!resident) return ''
  return resident.kind === 'organisation' && resident.organisationName
    ? resident.organisationName
    : resident.firstName
}

/** Whom a request's e-mails greet: the resident of a move-in, the customer of a move-out. */
function greetingOf(request: MoveRequest): string {
  if (request.kind === 'move_out') {
    return (JSON.parse(request.answers) as MoveOutAnswers).reportedBy.name
  }
  return residentName(answersOf(request))
}

/** Why a request cannot be handled now (the caller turns it into a message). */
export class MoveRequestRefused extends Error {
  constructor(readonly reason: 'closed' | 'tasks_open' | 'premise_unknown') {
    super(reason)
  }
}

function assertOpen(request: MoveRequest) {
  if (request.status !== 'new' && request.status !== 'waiting') {
    throw new MoveRequestRefused('closed')
  }
}

/**
 * What staff do with a move request (UTIL-2): tick its four tasks, set it
 * waiting with a message to the resident, reject it with a reason, or
 * process it. Processing a move-in opens the resident's customer number
 * (and portal invitation) through the core, creates the contract from the
 * answers, records the move-in readings, and ends the premise's current
 * contract the day before the move. Every transition is conditional on the
 * request still being open, so two staff members cannot both decide.
 *
 * @spec UTIL-2
 */
export const handleMoveRequest = {
  async setTask(request: MoveRequest, task: MoveTaskName, done: boolean, staffId: number) {
    assertOpen(request)
    await MoveTask.query()
      .where('move_request_id', request.id)
      .where('task', task)
      .update(
        done
          ? { done_at: sqlTimestamp(), done_by_id: staffId }
          : { done_at: null, done_by_id: null }
      )
  },

  async wait(request: MoveRequest, message: string, staffId: number, tenantId: number) {
    await close(request, 'waiting', message, staffId, tenantId)
  },

  async reject(request: MoveRequest, reason: string, staffId: number, tenantId: number) {
    await close(request, 'rejected', reason, staffId, tenantId)
  },

  /**
   * Processes a move-in. Safe to retry after a failure half-way: the
   * customer number and the contract are named after the request, and an
   * existing one is reused.
   */
  async process(request: MoveRequest, staffId: number, tenantId: number, numberPrefix: string) {
    assertOpen(request)
    if (request.premiseId === null) throw new MoveRequestRefused('premise_unknown')
    const tasks = await MoveTask.query().where('move_request_id', request.id)
    if (tasks.length < 4 || tasks.some((task) => task.doneAt === null)) {
      throw new MoveRequestRefused('tasks_open')
    }
    if (request.kind === 'move_out') return this.processMoveOut(request, staffId, tenantId)
    const answers = answersOf(request)
    const resident = answers.resident
    const numberText = `${numberPrefix}${String(500000 + request.id)}`
    const number =
      (await services.customers.findNumber(tenantId, numberText)) ??
      (await services.customers.open(tenantId, {
        name:
          resident.kind === 'organisation' && resident.organisationName
            ? resident.organisationName
            : `${resident.firstName} ${resident.lastName}`,
        number: numberText,
        mainContact: {
          email: resident.email,
          firstName: resident.firstName,
          lastName: resident.lastName,
          locale: resident.locale,
        },
        staffUserId: staffId,
      }))

    const moveDate = DateTime.fromISO(answers.moveDate.moveDate)
    const reference = `C-${moveDate.year}-${String(10000 + request.id)}`
    const premiseId = request.premiseId
    const touched = new Map<number, DateTime>()
    const { contract, ended } = await db.transaction(async (trx) => {
      const occupied = await Contract.query({ client: trx })
        .whereHas('premises', (link) => link.where('premise_id', premiseId))
        .where((open) => open.whereNull('ends_on').orWhere('ends_on', '>=', moveDate.toISODate()!))
        .whereNot('reference', reference)
      const closed: string[] = []
      for (const current of occupied) {
        await leavePremise(trx, current, premiseId, moveDate.minus({ days: 1 }))
        closed.push(current.reference)
      }
      const created =
        (await Contract.query({ client: trx }).where('reference', reference).first()) ??
        (await Contract.create(
          {
            reference,
            customerNumberId: number.id,
            startsOn: moveDate,
            monthlyAdvanceCents: answers.payment.advanceCents,
            currency: 'EUR',
          },
          { client: trx }
        ))
      await ContractPremise.updateOrCreate(
        { contractId: created.id, premiseId },
        { contractId: created.id, premiseId },
        { client: trx }
      )
      for (const choice of answers.services.choices) {
        await ContractService.updateOrCreate(
          { contractId: created.id, service: choice.service },
          { contractId: created.id, service: choice.service, product: choice.product },
          { client: trx }
        )
      }
      await recordMoveReadings(trx, answers.readings.readings, touched)
      request.useTransaction(trx)
      request.merge({ status: 'processed', contractId: created.id, statusMessage: null })
      await request.save()
      return { contract: created, ended: closed }
    })
    await queueRollups(touched)

    await services.mail.send({
      key: `move.processed.${request.id}`,
      tenantId,
      template: 'utility_move_processed',
      to: request.residentEmail,
      locale: request.residentLocale,
      data: {
        name: residentName(answers),
        reference: request.reference,
        contract: contract.reference,
        customerNumber: number.number,
        address: answers.premise.label,
        moveDate: moveDate
          .setLocale(`${request.residentLocale}-BE`)
          .toLocaleString(DateTime.DATE_FULL),
      },
    })
    await services.activity.record({
      tenantId,
      userId: staffId,
      customerId: number.customerId,
      event: 'move_request_processed',
      details: {
        reference: request.reference,
        contract: contract.reference,
        ended: ended.join(', '),
      },
    })
    return { contract, number }
  },

  /**
   * UTIL-3: the contract ends on the move-out date (a contract over several
   * premises only loses this one), and the final readings are recorded.
   */
  async processMoveOut(request: MoveRequest, staffId: number, tenantId: number) {
    const answers = JSON.parse(request.answers) as MoveOutAnswers
    const moveDate = DateTime.fromISO(answers.moveDate)
    const touched = new Map<number, DateTime>()
    const contract = await db.transaction(async (trx) => {
      const row = await Contract.findOrFail(answers.contract.id, { client: trx })
      await leavePremise(trx, row, answers.premise.id, moveDate)
      await recordMoveReadings(trx, answers.readings, touched)
      request.useTransaction(trx)
      request.merge({ status: 'processed', statusMessage: null })
      await request.save()
      return row
    })
    await queueRollups(touched)
    await services.mail.send({
      key: `moveout.processed.${request.id}`,
      tenantId,
      template: 'utility_move_out_processed',
      to: request.residentEmail,
      locale: request.residentLocale,
      data: {
        name: answers.reportedBy.name,
        reference: request.reference,
        contract: contract.reference,
        address: answers.premise.label,
        moveDate: moveDate
          .setLocale(`${request.residentLocale}-BE`)
          .toLocaleString(DateTime.DATE_FULL),
      },
    })
    await services.activity.record({
      tenantId,
      userId: staffId,
      event: 'move_out_processed',
      details: { reference: request.reference, contract: contract.reference },
    })
    return { contract, number: null }
  },
}

/** Waiting or rejected: the decision (only while the request is open) and its e-mail to the resident. */
async function close(
  request: MoveRequest,
  status: 'waiting' | 'rejected',
  message: string,
  staffId: number,
  tenantId: number
) {
  assertOpen(request)
  const updated = await MoveRequest.query()
    .where('id', request.id)
    .whereIn('status', ['new', 'waiting'])
    .update({ status, status_message: message, updated_at: sqlTimestamp() })
  if (!countOf(updated)) throw new MoveRequestRefused('closed')
  const waiting = status === 'waiting'
  await services.mail.send({
    // Each message to a waiting request is its own e-mail; a request is rejected once.
    key: waiting ? `move.waiting.${request.id}.${Date.now()}` : `move.rejected.${request.id}`,
    tenantId,
    template: waiting ? 'utility_move_waiting' : 'utility_move_rejected',
    to: request.residentEmail,
    locale: request.residentLocale,
    data: {
      name: greetingOf(request),
      reference: request.reference,
      ...(waiting ? { message } : { reason: message }),
    },
  })
  await services.activity.record({
    tenantId,
    userId: staffId,
    event: `move_request_${status}`,
    details: { reference: request.reference },
  })
}

/**
 * A premise leaves a contract on a day: a contract over several premises
 * keeps the others (the link goes), one over this premise alone ends then
 * (unless it already ended before).
 */
async function leavePremise(
  trx: TransactionClientContract,
  contract: Contract,
  premiseId: number,
  endsOn: DateTime
) {
  const links = await ContractPremise.query({ client: trx }).where('contract_id', contract.id)
  if (links.length > 1) {
    await ContractPremise.query({ client: trx })
      .where('contract_id', contract.id)
      .where('premise_id', premiseId)
      .delete()
  } else if (!contract.endsOn || contract.endsOn > endsOn) {
    contract.endsOn = endsOn
    await contract.useTransaction(trx).save()
  }
}

/**
 * The readings of a move as readings of their meters (once per meter and
 * day: a retried processing adds none), noting each meter's earliest one so
 * its rollups are recomputed after the transaction.
 */
async function recordMoveReadings(
  trx: TransactionClientContract,
  readings: { meterId: number | null; readOn: string; value: number }[],
  touched: Map<number, DateTime>
) {
  for (const reading of readings) {
    if (reading.meterId === null) continue
    const readAt = DateTime.fromISO(reading.readOn)
    const existing = await Reading.query({ client: trx })
      .where('meter_id', reading.meterId)
      .where('read_at', sqlTimestamp(readAt))
      .first()
    if (!existing) {
      await Reading.create(
        { meterId: reading.meterId, readAt, value: reading.value, source: 'move' },
        { client: trx }
      )
    }
    const first = touched.get(reading.meterId)
    if (!first || readAt < first) touched.set(reading.meterId, readAt)
  }
}

function countOf(result: unknown): number {
  return Array.isArray(result) ? Number(result[0] ?? 0) : Number(result ?? 0)
}
