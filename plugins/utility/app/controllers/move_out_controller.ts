import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { coreServices } from '#core/services'
import { customerAccess } from '#core/accounts'
import { db } from '#core/database'
import Contract from '../models/contract.js'
import { utilitySettings } from '../settings.js'
import Meter from '../models/meter.js'
import MoveRequest from '../models/move_request.js'
import MoveTask from '../models/move_task.js'
import { premiseLookup } from '../move_in/premise_lookup.js'
import { fieldError, wizardMessages } from '../move_in/validators.js'
import type { MoveOutAnswers, MoveOutContract, MoveOutPage } from '../../shared/move_out.js'

const services = coreServices('utility')

const text = (max: number) => vine.string().trim().maxLength(max)

const moveOutValidator = vine.create({
  submissionId: vine.string().uuid(),
  contractId: vine.number().withoutDecimals(),
  premiseId: vine.number().withoutDecimals(),
  moveDate: vine.date({ formats: ['YYYY-MM-DD'] }),
  readings: vine
    .array(
      vine.object({
        meterId: vine.number().withoutDecimals(),
        value: vine.number().min(0).max(1_000_000_000),
        readOn: vine.date({ formats: ['YYYY-MM-DD'] }),
        confirmLower: vine.boolean().optional(),
      })
    )
    .maxLength(20),
  forwardingAddress: vine.object({
    street: text(120).minLength(1),
    houseNumber: text(20).minLength(1),
    unit: text(20).optional(),
    postalCode: text(10).minLength(4),
    city: text(80).minLength(1),
    country: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/),
  }),
  nextOccupant: vine
    .object({
      name: text(120).minLength(1),
      email: vine.string().trim().email().maxLength(254).optional(),
      phone: vine
        .string()
        .trim()
        .regex(/^\+?[\d ()./-]{8,20}$/)
        .optional(),
    })
    .optional(),
  confirm: vine.accepted(),
})

const TASKS = [
  'confirm_customer',
  'confirm_location',
  'confirm_contract',
  'confirm_measurements',
] as const

function today(): DateTime {
  return DateTime.now().setZone('Europe/Brussels').startOf('day')
}

/**
 * UTIL-3: a customer reports leaving a premise of one of their current
 * contracts (as main contact of its customer number): the date, the final
 * readings, where the final invoice goes, the next occupant when known.
 * It becomes a move request (New) for staff, with its four tasks; staff
 * processing ends the contract. The page also lists the customer's move
 * requests and their status.
 *
 * @spec UTIL-3
 */
export default class MoveOutController {
  async show(ctx: HttpContext) {
    const contracts = await this.#contracts(ctx)
    const settings = await utilitySettings(ctx)
    const own = await MoveRequest.query()
      .where((mine) =>
        mine
          .whereIn(
            'contract_id',
            contracts.map((contract) => contract.id)
          )
          .orWhere('resident_email', ctx.auth.user!.email)
      )
      .preload('premise')
      .orderBy('created_at', 'desc')
      .limit(20)
    const props: MoveOutPage = {
      contracts,
      window: {
        from: today().minus({ days: settings.moveDaysPast }).toISODate()!,
        to: today().plus({ days: settings.moveDaysAhead }).toISODate()!,
      },
      submissionId: randomUUID(),
      requests: own.map((row) => ({
        reference: row.reference,
        kind: row.kind,
        status: row.status,
        premise: row.premise?.address ?? '',
        moveDate: row.moveDate.toISODate()!,
        statusMessage:
          row.status === 'waiting' || row.status === 'rejected' ? row.statusMessage : null,
      })),
    }
    return ctx.inertia.render('utility/move_out/form', props)
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n, auth, tenant } = ctx
    const user = auth.user!
    const data = await request.validateUsing(moveOutValidator, {
      messagesProvider: wizardMessages(i18n),
    })
    const contracts = await this.#contracts(ctx)
    const contract = contracts.find((row) => row.id === data.contractId)
    const premise = contract?.premises.find((row) => row.id === data.premiseId)
    if (!contract || !premise) {
      throw fieldError('premiseId', i18n.t('utility.messages.move_out_not_yours'))
    }
    const settings = await utilitySettings(ctx)
    const moveDate = DateTime.fromJSDate(data.moveDate).startOf('day')
    const from = DateTime.max(
      today().minus({ days: settings.moveDaysPast }),
      DateTime.fromISO(contract.startsOn)
    )
    const to = today().plus({ days: settings.moveDaysAhead })
    if (moveDate < from || moveDate > to) {
      throw fieldError(
        'moveDate',
        i18n.t('utility.messages.move_date_window', { from: from.toJSDate(), to: to.toJSDate() })
      )
    }
    const readings: MoveOutAnswers['readings'] = []
    for (const [index, meter] of premise.meters.entries()) {
      const row = data.readings.find((reading) => reading.meterId === meter.id)
      if (!row) {
        throw fieldError(`readings.${index}.value`, i18n.t('utility.messages.reading_missing'))
      }
      const readOn = DateTime.fromJSDate(row.readOn).startOf('day')
      if (Math.abs(readOn.diff(moveDate, 'days').days) > 30) {
        throw fieldError(`readings.${index}.readOn`, i18n.t('utility.messages.reading_date'))
      }
      const lower = meter.lastValue !== null && row.value < meter.lastValue
      if (lower && row.confirmLower !== true) {
        throw fieldError(
          `readings.${index}.value`,
          i18n.t('utility.messages.reading_lower', {
            last: meter.lastValue,
            date: DateTime.fromISO(meter.lastReadOn!).toJSDate(),
          })
        )
      }
      readings.push({
        meterId: meter.id,
        serial: meter.serial,
        service: meter.service,
        value: row.value,
        readOn: readOn.toISODate()!,
        lowerThanLast: lower,
      })
    }
    const answers: MoveOutAnswers = {
      contract: {
        id: contract.id,
        reference: contract.reference,
        customerNumber: contract.customerNumber,
      },
      premise: { id: premise.id, label: premise.label },
      moveDate: moveDate.toISODate()!,
      readings,
      forwardingAddress: { ...data.forwardingAddress, unit: data.forwardingAddress.unit ?? null },
      nextOccupant: data.nextOccupant
        ? {
            name: data.nextOccupant.name,
            email: data.nextOccupant.email ?? null,
            phone: data.nextOccupant.phone ?? null,
          }
        : null,
      reportedBy: { userId: user.id, name: user.fullName ?? user.email, email: user.email },
    }

    // The form's id makes a double submit one request (the key is unique).
    const { request: created, fresh } = await this.#record(data.submissionId, answers, moveDate, {
      premiseId: premise.id,
      contractId: contract.id,
      email: user.email,
      locale: (['nl', 'fr', 'en'] as const).find((locale) => locale === user.locale) ?? 'nl',
    })
    if (fresh) {
      await services.mail.send({
        key: `moveout.received.${created.id}`,
        tenantId: tenant.id,
        template: 'utility_move_out_received',
        to: user.email,
        locale: created.residentLocale,
        data: {
          name: user.firstName ?? '',
          reference: created.reference,
          address: premise.label,
          moveDate: moveDate
            .setLocale(`${created.residentLocale}-BE`)
            .toLocaleString(DateTime.DATE_FULL),
          contract: contract.reference,
        },
      })
      await services.activity.record({
        tenantId: tenant.id,
        userId: user.id,
        event: 'move_out_received',
        details: { reference: created.reference, contract: contract.reference },
      })
    }
    session.flash(
      'success',
      i18n.t('utility.messages.move_out_received', { reference: created.reference })
    )
    return response.redirect().toRoute('utility.move_out.show')
  }

  /** The move request of this form, created once even when the form arrives twice at once. */
  async #record(
    key: string,
    answers: MoveOutAnswers,
    moveDate: DateTime,
    row: { premiseId: number; contractId: number; email: string; locale: 'nl' | 'fr' | 'en' }
  ): Promise<{ request: MoveRequest; fresh: boolean }> {
    const existing = await MoveRequest.findBy('moveInKey', key)
    if (existing) return { request: existing, fresh: false }
    try {
      const request = await db.transaction(async (trx) => {
        const created = await MoveRequest.create(
          {
            kind: 'move_out',
            status: 'new',
            reference: `MO-${key.slice(0, 8)}`,
            moveInKey: key,
            premiseId: row.premiseId,
            contractId: row.contractId,
            moveDate,
            residentEmail: row.email,
            residentLocale: row.locale,
            answers: JSON.stringify(answers),
          },
          { client: trx }
        )
        created.reference = `MO-${moveDate.year}-${String(created.id).padStart(5, '0')}`
        await created.useTransaction(trx).save()
        await MoveTask.createMany(
          TASKS.map((task) => ({ moveRequestId: created.id, task })),
          { client: trx }
        )
        return created
      })
      return { request, fresh: true }
    } catch (error) {
      // The same form, a moment earlier: its request is the one.
      const winner = await MoveRequest.findBy('moveInKey', key)
      if (winner) return { request: winner, fresh: false }
      throw error
    }
  }

  /** The current contracts of the numbers the user is main contact of, with premises and meters. */
  async #contracts(ctx: HttpContext): Promise<MoveOutContract[]> {
    const owned = await customerAccess.ownedNumbers(ctx.auth.user!)
    if (owned.length === 0) return []
    const numberOf = new Map(owned.map((row) => [row.id, row.number]))
    const contracts = await Contract.query()
      .whereIn('customer_number_id', [...numberOf.keys()])
      .where((open) => open.whereNull('ends_on').orWhere('ends_on', '>=', today().toISODate()!))
      .preload('premises', (links) => links.preload('premise').orderBy('premise_id'))
      .orderBy('starts_on')
    const premiseIds = contracts.flatMap((contract) =>
      contract.premises.map((link) => link.premiseId)
    )
    const meters = premiseIds.length
      ? await Meter.query()
          .whereIn('premise_id', premiseIds)
          .whereNull('removed_on')
          .orderBy('service')
          .orderBy('serial')
      : []
    const last = await premiseLookup.lastReadings(meters.map((meter) => meter.id))
    return contracts.map((contract) => ({
      id: contract.id,
      reference: contract.reference,
      customerNumber: numberOf.get(contract.customerNumberId) ?? '',
      startsOn: contract.startsOn.toISODate()!,
      premises: contract.premises.map((link) => ({
        id: link.premiseId,
        label: link.premise.address,
        meters: meters
          .filter((meter) => meter.premiseId === link.premiseId)
          .map((meter) => ({
            id: meter.id,
            serial: meter.serial,
            service: meter.service,
            unit: meter.unit,
            lastValue: last.get(meter.id)?.value ?? null,
            lastReadOn: last.get(meter.id)?.readAt.toISODate() ?? null,
          })),
      })),
    }))
  }
}
