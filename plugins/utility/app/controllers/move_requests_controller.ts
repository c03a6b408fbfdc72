import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { coreServices } from '#core/services'
import MoveRequest from '../models/move_request.js'
import { utilitySettings } from '../settings.js'
import Contract from '../models/contract.js'
import {
  answersOf,
  handleMoveRequest,
  MoveRequestRefused,
} from '../move_requests/handle_move_request.js'
import type {
  MoveKind,
  MoveRequestDetail,
  MoveRequestList,
  MoveTab,
  MoveTaskName,
} from '../../shared/move_requests.js'
import type { MoveOutAnswers } from '../../shared/move_out.js'
import type { MoveInAnswers } from '../../shared/move_in.js'

const services = coreServices('utility')
const TABS: MoveTab[] = ['open', 'processed', 'rejected', 'all']
const TASKS: MoveTaskName[] = [
  'confirm_customer',
  'confirm_location',
  'confirm_contract',
  'confirm_measurements',
]
const PAGE_SIZE = 100

const messageValidator = vine.create({ message: vine.string().trim().minLength(3).maxLength(2000) })
const reasonValidator = vine.create({ reason: vine.string().trim().minLength(3).maxLength(2000) })
const taskValidator = vine.create({ done: vine.boolean() })

function statusesOf(tab: MoveTab): string[] {
  switch (tab) {
    case 'open':
      return ['new', 'waiting']
    case 'processed':
      return ['processed']
    case 'rejected':
      return ['rejected']
    default:
      return ['new', 'waiting', 'processed', 'rejected']
  }
}

function residentOf(request: MoveRequest): string {
  if (request.kind === 'move_out') {
    return (JSON.parse(request.answers) as MoveOutAnswers).reportedBy.name
  }
  const resident = answersOf(request).resident
  if (!resident) return request.residentEmail
  return resident.kind === 'organisation' && resident.organisationName
    ? resident.organisationName
    : `${resident.firstName} ${resident.lastName}`
}

/**
 * UTIL-2, staff side: the move requests to handle (To be processed = New
 * and Waiting, Processed, Rejected, All; by kind and premise), one
 * request with every step's answers and its four tasks, and the decisions:
 * set waiting, reject, process.
 *
 * @spec UTIL-2
 */
export default class MoveRequestsController {
  async index({ request, inertia }: HttpContext) {
    const tab = (TABS as string[]).includes(request.input('tab'))
      ? (request.input('tab') as MoveTab)
      : 'open'
    const kindInput = request.input('kind')
    const kind: MoveKind | null =
      kindInput === 'move_in' || kindInput === 'move_out' ? kindInput : null
    const premise = String(request.input('premise') ?? '')
      .trim()
      .slice(0, 80)

    const filtered = () => {
      let query = MoveRequest.query()
      if (kind) query = query.where('kind', kind)
      if (premise) {
        const like = `%${premise.toLowerCase()}%`
        query = query.where((match) =>
          match
            .whereHas('premise', (place) =>
              place
                .whereRaw('lower(street) like ?', [like])
                .orWhere('postal_code', 'like', like)
                .orWhereRaw('lower(connection_code) like ?', [like])
            )
            .orWhereRaw('lower(answers) like ?', [like])
        )
      }
      return query
    }
    const grouped = await filtered().select('status').count('* as total').groupBy('status')
    const byStatus = new Map(grouped.map((row) => [row.status, Number(row.$extras.total)]))
    const counts = Object.fromEntries(
      TABS.map((name) => [
        name,
        statusesOf(name).reduce(
          (sum, status) => sum + (byStatus.get(status as MoveRequest['status']) ?? 0),
          0
        ),
      ])
    ) as Record<MoveTab, number>

    const rows = await filtered()
      .whereIn('status', statusesOf(tab))
      .preload('premise')
      .withCount('tasks', (tasks) => tasks.whereNotNull('done_at').as('tasksDone'))
      .orderBy('created_at', tab === 'open' ? 'asc' : 'desc')
      .orderBy('id')
      .limit(PAGE_SIZE)

    const props: MoveRequestList = {
      tab,
      kind,
      premise,
      counts,
      rows: rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        kind: row.kind,
        status: row.status,
        premise: row.premise?.address ?? answersOf(row).premise?.label ?? '',
        moveDate: row.moveDate.toISODate()!,
        resident: residentOf(row),
        email: row.residentEmail,
        createdAt: row.createdAt.toISO()!,
        tasksDone: Number(row.$extras.tasksDone ?? 0),
      })),
    }
    return inertia.render('utility/admin/moves/index', props)
  }

  async show({ params, inertia, tenant }: HttpContext) {
    const request = await MoveRequest.query()
      .where('id', Number(params.id) || 0)
      .preload('tasks')
      .preload('premise')
      .preload('contract')
      .firstOrFail()
    const moveOut =
      request.kind === 'move_out' ? (JSON.parse(request.answers) as MoveOutAnswers) : null
    const answers: MoveInAnswers = moveOut ? {} : answersOf(request)
    const current =
      !moveOut && request.premiseId
        ? await Contract.query()
            .whereHas('premises', (link) => link.where('premise_id', request.premiseId!))
            .whereNull('ends_on')
            .whereNot('id', request.contractId ?? 0)
            .first()
        : null
    const numbers = await services.customers.numbersByIds(
      tenant.id,
      [current, request.contract].flatMap((row) => (row ? [row.customerNumberId] : []))
    )
    const staff = await services.users.names(
      tenant.id,
      request.tasks.flatMap((row) => (row.doneById ? [row.doneById] : []))
    )
    const tasks = TASKS.map((task) => {
      const row = request.tasks.find((candidate) => candidate.task === task)
      return {
        task,
        doneAt: row?.doneAt?.toISO() ?? null,
        doneBy: row?.doneById ? (staff.get(row.doneById) ?? null) : null,
      }
    })
    const open = request.status === 'new' || request.status === 'waiting'
    const props: MoveRequestDetail = {
      request: {
        id: request.id,
        reference: request.reference,
        kind: request.kind,
        status: request.status,
        statusMessage: request.statusMessage,
        moveDate: request.moveDate.toISODate()!,
        createdAt: request.createdAt.toISO()!,
        email: request.residentEmail,
        locale: request.residentLocale,
        contractReference: request.contract?.reference ?? null,
        customerNumber: request.contract
          ? (numbers.get(request.contract.customerNumberId) ?? null)
          : null,
      },
      premise: {
        id: request.premiseId,
        label: request.premise?.address ?? answers.premise?.label ?? '',
        known: request.premiseId !== null,
        currentContract: current
          ? {
              reference: current.reference,
              customerNumber: numbers.get(current.customerNumberId) ?? '',
              since: current.startsOn.toISODate()!,
            }
          : null,
      },
      answers,
      moveOut,
      tasks,
      canProcess: open && request.premiseId !== null && tasks.every((task) => task.doneAt !== null),
      attachments: (answers.readings?.readings ?? []).flatMap((reading, index) =>
        reading.attachment
          ? [
              {
                serial: reading.serial,
                name: reading.attachment.name,
                url: `/admin/utility/moves/${request.id}/attachments/${index}`,
              },
            ]
          : []
      ),
    }
    return inertia.render('utility/admin/moves/show', props)
  }

  /** A photo or takeover document the resident sent with a reading. */
  async attachment({ params, response, tenant }: HttpContext) {
    const request = await MoveRequest.findOrFail(Number(params.id) || 0)
    const reading = answersOf(request).readings?.readings[Number(params.index)]
    if (!reading?.attachment) return response.notFound()
    const bytes = await services.drive.get(tenant.id, reading.attachment.key)
    response.header('Content-Type', reading.attachment.mime)
    response.header(
      'Content-Disposition',
      `attachment; filename="${reading.attachment.name.replace(/[^\w. -]/g, '_')}"`
    )
    response.header('X-Content-Type-Options', 'nosniff')
    return response.send(Buffer.from(bytes))
  }

  async task(ctx: HttpContext) {
    const { params, request: http, auth } = ctx
    const task = String(params.task) as MoveTaskName
    if (!TASKS.includes(task)) return ctx.response.notFound()
    const request = await MoveRequest.findOrFail(Number(params.id) || 0)
    const { done } = await http.validateUsing(taskValidator)
    return this.#decide(ctx, () => handleMoveRequest.setTask(request, task, done, auth.user!.id))
  }

  async wait(ctx: HttpContext) {
    const request = await MoveRequest.findOrFail(Number(ctx.params.id) || 0)
    const { message } = await ctx.request.validateUsing(messageValidator)
    return this.#decide(
      ctx,
      () => handleMoveRequest.wait(request, message, ctx.auth.user!.id, ctx.tenant.id),
      'waiting'
    )
  }

  async reject(ctx: HttpContext) {
    const request = await MoveRequest.findOrFail(Number(ctx.params.id) || 0)
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    return this.#decide(
      ctx,
      () => handleMoveRequest.reject(request, reason, ctx.auth.user!.id, ctx.tenant.id),
      'rejected'
    )
  }

  async process(ctx: HttpContext) {
    const request = await MoveRequest.findOrFail(Number(ctx.params.id) || 0)
    const { customerNumberPrefix: prefix } = await utilitySettings(ctx)
    return this.#decide(
      ctx,
      () => handleMoveRequest.process(request, ctx.auth.user!.id, ctx.tenant.id, prefix),
      'processed'
    )
  }

  async #decide(ctx: HttpContext, work: () => Promise<unknown>, done?: string) {
    const { response, session, i18n } = ctx
    try {
      await work()
    } catch (error) {
      if (!(error instanceof MoveRequestRefused)) throw error
      session.flash('error', i18n.t(`utility.messages.move_request_${error.reason}`))
      return response.redirect().back()
    }
    if (done) session.flash('success', i18n.t(`utility.messages.move_request_${done}`))
    return response.redirect().back()
  }
}
