import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { WorkflowUpdateFailedError } from '@temporalio/client'
import { fileTypeFromBuffer } from 'file-type'
import { DateTime } from 'luxon'
import { coreServices } from '#core/services'
import { isTemporalUnavailable } from '#core/workflows'
import MoveIn from '../models/move_in.js'
import { utilitySettings, type UtilitySettings } from '../settings.js'
import MoveRequest from '../models/move_request.js'
import { premiseLookup } from '../move_in/premise_lookup.js'
import { moveInWorkflows } from '../move_in/move_in_workflows.js'
import { hashResumeToken } from '../../workflows/activities.js'
import {
  confirmValidator,
  fieldError,
  moveDateStepValidator,
  paymentStepValidator,
  premiseStepValidator,
  readingsStepValidator,
  residentStepValidator,
  servicesStepValidator,
  wizardMessages,
} from '../move_in/validators.js'
import {
  MOVE_IN_LOCALES,
  PRODUCTS,
  TERMS_VERSION,
  type MoveInLocale,
  type MoveInState,
  type PremiseAnswer,
  type ReadingAnswer,
  type SaveStepInput,
} from '../../shared/move_in.js'

const COOKIE = 'utility_move_in'
const services = coreServices('utility')

/** The tenant's today, where the move dates are counted. */
function today(): DateTime {
  return DateTime.now().setZone('Europe/Brussels').startOf('day')
}

function moveWindow(settings: UtilitySettings) {
  return {
    from: today().minus({ days: settings.moveDaysPast }),
    to: today().plus({ days: settings.moveDaysAhead }),
  }
}

function localeOf(ctx: HttpContext): MoveInLocale {
  const locale = ctx.i18n.locale.slice(0, 2)
  return (MOVE_IN_LOCALES as readonly string[]).includes(locale) ? (locale as MoveInLocale) : 'nl'
}

/**
 * UTIL-2: a visitor reports a move-in in seven steps, without an account.
 * The answers live in the wizard's Temporal workflow; the browser holds
 * only the wizard's key, in an encrypted cookie that outlives the browser
 * session (and the resume link e-mailed after step 3 sets it in another
 * browser). Every step is checked here field by field, then saved as an
 * Update; a refused step saves nothing and keeps what was typed in the
 * form.
 *
 * @spec UTIL-2
 */
export default class MoveInController {
  /** The intro page; "continue" when this browser has an open wizard. */
  async start(ctx: HttpContext) {
    const wizard = await this.#openWizard(ctx)
    return ctx.inertia.render('utility/move_in/start', { resumable: wizard !== null })
  }

  /** Starts a new wizard (at most 30 per client address and hour). */
  async begin(ctx: HttpContext) {
    const { request, response, session, i18n, tenant } = ctx
    const allowed = await limiter
      .use({ requests: 30, duration: '1 hour' })
      .consume(`utility_move_in_${tenant.id}_${request.ip()}`)
      .then(() => true)
      .catch(() => false)
    if (!allowed) {
      session.flash('error', i18n.t('utility.messages.move_in_too_many'))
      return response.redirect().back()
    }
    const settings = await utilitySettings(ctx)
    const key = randomUUID()
    const locale = localeOf(ctx)
    await MoveIn.create({ key, status: 'open', locale })
    try {
      await moveInWorkflows.start({
        tenantId: tenant.id,
        key,
        locale,
        reminderDays: settings.reminderDays,
        abandonDays: Math.max(settings.abandonDays, settings.reminderDays + 1),
      })
    } catch (error) {
      await MoveIn.query().where('key', key).delete()
      if (!isTemporalUnavailable(error)) throw error
      session.flash('error', i18n.t('utility.messages.cannot_save_now'))
      return response.redirect().back()
    }
    this.#remember(ctx, key, settings)
    return response.redirect().toRoute('utility.move_in.step', { step: 1 })
  }

  /** Back to where this browser's wizard was. */
  async continue(ctx: HttpContext) {
    const found = await this.#loadOrLeave(ctx)
    if ('leave' in found) return found.leave
    return ctx.response.redirect().toRoute('utility.move_in.step', {
      step: Math.min(found.state.completed + 1, 7),
    })
  }

  /** The resume link from the e-mail: this browser takes the wizard over. */
  async resume(ctx: HttpContext) {
    const { params, response, session, i18n } = ctx
    const token = String(params.token ?? '')
    const wizard = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await MoveIn.query()
          .where('token_hash', hashResumeToken(token))
          .where('status', 'open')
          .first()
      : null
    if (!wizard) {
      session.flash('error', i18n.t('utility.messages.resume_link_invalid'))
      return response.redirect().toRoute('utility.move_in.start')
    }
    this.#remember(ctx, wizard.key, await utilitySettings(ctx))
    return response.redirect().toRoute('utility.move_in.continue')
  }

  async show(ctx: HttpContext) {
    const step = Number(ctx.params.step)
    if (!Number.isInteger(step) || step < 1 || step > 7) {
      return ctx.response.redirect().toRoute('utility.move_in.continue')
    }
    const found = await this.#loadOrLeave(ctx)
    if ('leave' in found) return found.leave
    const { state } = found
    if (step > state.completed + 1) {
      return ctx.response.redirect().toRoute('utility.move_in.step', {
        step: state.completed + 1,
      })
    }
    const settings = await utilitySettings(ctx)
    const window = moveWindow(settings)
    const previous = await premiseLookup.previousAdvanceCents(
      state.answers.premise?.premiseId ?? null
    )
    const min = settings.advanceMin * 100
    const max = settings.advanceMax * 100
    return ctx.inertia.render('utility/move_in/wizard', {
      step,
      state,
      window: { from: window.from.toISODate()!, to: window.to.toISODate()! },
      advance: {
        min: settings.advanceMin,
        max: settings.advanceMax,
        proposedCents: Math.min(max, Math.max(min, previous ?? min)),
      },
      offeredServices: await premiseLookup.offeredServices(),
      submissionId: randomUUID(),
      termsVersion: TERMS_VERSION,
    })
  }

  /** Checks one step's fields, then saves it in the workflow. */
  async save(ctx: HttpContext) {
    const step = Number(ctx.params.step)
    if (!Number.isInteger(step) || step < 1 || step > 6) {
      return ctx.response.redirect().toRoute('utility.move_in.continue')
    }
    const found = await this.#loadOrLeave(ctx)
    if ('leave' in found) return found.leave
    const { key, state } = found
    if (step > state.completed + 1) {
      ctx.session.flash('error', ctx.i18n.t('utility.messages.step_refused'))
      return ctx.response.redirect().toRoute('utility.move_in.continue')
    }
    const stored: string[] = []
    const forget = () =>
      Promise.all(stored.map((file) => services.drive.delete(ctx.tenant.id, file)))
    let checked: Awaited<ReturnType<MoveInController['checkStep']>>
    try {
      checked = await this.checkStep(ctx, step, state, key, stored)
    } catch (error) {
      await forget()
      throw error
    }
    let saved: MoveInState
    try {
      saved = await moveInWorkflows.save(ctx.tenant.id, key, checked.input, checked.submissionId)
    } catch (error) {
      await forget()
      return this.#refused(ctx, error)
    }
    if (step === 5) {
      // Files the wizard does not hold (replaced ones; this request's own
      // when a double submit was answered by the first) are deleted.
      const held = new Set(
        (saved.answers.readings?.readings ?? []).map((row) => row.attachment?.key)
      )
      const before = (state.answers.readings?.readings ?? []).flatMap((row) =>
        row.attachment ? [row.attachment.key] : []
      )
      const orphans = [...before, ...stored].filter((file) => !held.has(file))
      await Promise.all(orphans.map((file) => services.drive.delete(ctx.tenant.id, file)))
    }
    return ctx.response.redirect().toRoute('utility.move_in.step', { step: step + 1 })
  }

  /** Step 7: the terms accepted, the move request recorded. */
  async confirm(ctx: HttpContext) {
    const found = await this.#loadOrLeave(ctx)
    if ('leave' in found) return found.leave
    const { submissionId } = await ctx.request.validateUsing(confirmValidator, {
      messagesProvider: wizardMessages(ctx.i18n),
    })
    try {
      await moveInWorkflows.confirm(
        ctx.tenant.id,
        found.key,
        { termsVersion: TERMS_VERSION, acceptedAt: new Date().toISOString() },
        submissionId
      )
    } catch (error) {
      return this.#refused(ctx, error)
    }
    return ctx.response.redirect().toRoute('utility.move_in.done')
  }

  /** The receipt: the request's reference; the browser forgets the wizard. */
  async done(ctx: HttpContext) {
    const key = ctx.request.encryptedCookie(COOKIE) as string | undefined
    const request = typeof key === 'string' ? await MoveRequest.findBy('moveInKey', key) : null
    if (!request) return ctx.response.redirect().toRoute('utility.move_in.start')
    ctx.response.clearCookie(COOKIE)
    return ctx.inertia.render('utility/move_in/done', {
      reference: request.reference,
      email: request.residentEmail,
    })
  }

  #remember(ctx: HttpContext, key: string, settings: UtilitySettings) {
    ctx.response.encryptedCookie(COOKIE, key, {
      maxAge: `${settings.abandonDays}d`,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    })
  }

  async #openWizard(ctx: HttpContext): Promise<MoveIn | null> {
    const key = ctx.request.encryptedCookie(COOKIE)
    if (typeof key !== 'string') return null
    return MoveIn.query().where('key', key).where('status', 'open').first()
  }

  /**
   * This browser's open wizard and its state, or where to send the browser
   * instead: the intro page (no wizard, or dropped), the receipt
   * (confirmed), or back with "cannot save now" when Temporal is down.
   */
  async #loadOrLeave(
    ctx: HttpContext
  ): Promise<{ key: string; state: MoveInState } | { leave: unknown }> {
    const { response, session, i18n, tenant } = ctx
    const wizard = await this.#openWizard(ctx)
    if (!wizard) {
      const key = ctx.request.encryptedCookie(COOKIE)
      if (typeof key === 'string' && (await MoveRequest.findBy('moveInKey', key))) {
        return { leave: response.redirect().toRoute('utility.move_in.done') }
      }
      response.clearCookie(COOKIE)
      session.flash('error', i18n.t('utility.messages.move_in_closed'))
      return { leave: response.redirect().toRoute('utility.move_in.start') }
    }
    let state: MoveInState | null
    try {
      state = await moveInWorkflows.state(tenant.id, wizard.key)
    } catch (error) {
      if (!isTemporalUnavailable(error)) throw error
      session.flash('error', i18n.t('utility.messages.cannot_save_now'))
      // A form goes back to its page, which keeps what was typed.
      return {
        leave:
          ctx.request.method() === 'POST'
            ? response.redirect().back()
            : response.redirect().toRoute('utility.move_in.start'),
      }
    }
    if (!state || state.status !== 'open') {
      return { leave: response.redirect().toRoute('utility.move_in.done') }
    }
    return { key: wizard.key, state }
  }

  #refused(ctx: HttpContext, error: unknown) {
    const { response, session, i18n } = ctx
    if (isTemporalUnavailable(error)) {
      session.flash('error', i18n.t('utility.messages.cannot_save_now'))
      return response.redirect().back()
    }
    if (error instanceof WorkflowUpdateFailedError) {
      session.flash('error', i18n.t('utility.messages.step_refused'))
      return response.redirect().toRoute('utility.move_in.continue')
    }
    throw error
  }

  /** One step's fields, checked against the tenant's data; files stored (listed in `stored`). */
  protected async checkStep(
    ctx: HttpContext,
    step: number,
    state: MoveInState,
    key: string,
    stored: string[]
  ): Promise<{ input: SaveStepInput; submissionId: string }> {
    const { request, i18n } = ctx
    const options = { messagesProvider: wizardMessages(i18n) }
    switch (step) {
      case 1: {
        const data = await request.validateUsing(premiseStepValidator, options)
        return {
          submissionId: data.submissionId,
          input: { step: 1, answer: await this.#premise(ctx, data) },
        }
      }
      case 2: {
        const data = await request.validateUsing(moveDateStepValidator, options)
        const window = moveWindow(await utilitySettings(ctx))
        const date = DateTime.fromJSDate(data.moveDate).startOf('day')
        if (date < window.from || date > window.to) {
          throw fieldError(
            'moveDate',
            i18n.t('utility.messages.move_date_window', {
              from: window.from.toJSDate(),
              to: window.to.toJSDate(),
            })
          )
        }
        return {
          submissionId: data.submissionId,
          input: { step: 2, answer: { moveDate: date.toISODate()! } },
        }
      }
      case 3: {
        const data = await request.validateUsing(residentStepValidator, options)
        const organisation = data.kind === 'organisation'
        return {
          submissionId: data.submissionId,
          input: {
            step: 3,
            answer: {
              kind: data.kind,
              firstName: data.firstName,
              lastName: data.lastName,
              organisationName: organisation ? (data.organisationName ?? null) : null,
              companyNumber: organisation ? (data.companyNumber ?? null) : null,
              email: data.email.toLowerCase(),
              phone: data.phone,
              locale: data.locale,
              correspondence: data.correspondence,
              address:
                data.correspondence === 'other' && data.address
                  ? { ...data.address, unit: data.address.unit ?? null }
                  : null,
            },
          },
        }
      }
      case 4: {
        const data = await request.validateUsing(servicesStepValidator, options)
        const premise = state.answers.premise!
        const needed =
          premise.premiseId === null ? await premiseLookup.offeredServices() : premise.services
        const chosen = new Map(data.choices.map((choice) => [choice.service, choice.product]))
        for (const [index, service] of needed.entries()) {
          const product = chosen.get(service)
          if (!product || !PRODUCTS[service].includes(product)) {
            throw fieldError(`choices.${index}.product`, i18n.t('utility.messages.choose_product'))
          }
        }
        return {
          submissionId: data.submissionId,
          input: {
            step: 4,
            answer: {
              choices: needed.map((service) => ({ service, product: chosen.get(service)! })),
            },
          },
        }
      }
      case 5: {
        const data = await request.validateUsing(readingsStepValidator, options)
        const readings = await this.#readings(ctx, data.readings, state, key, stored)
        return { submissionId: data.submissionId, input: { step: 5, answer: { readings } } }
      }
      default: {
        const data = await request.validateUsing(paymentStepValidator, options)
        const settings = await utilitySettings(ctx)
        if (data.advance < settings.advanceMin || data.advance > settings.advanceMax) {
          throw fieldError(
            'advance',
            i18n.t('utility.messages.advance_range', {
              min: settings.advanceMin,
              max: settings.advanceMax,
            })
          )
        }
        const debit = data.method === 'direct_debit'
        if (debit && data.mandate !== true) {
          throw fieldError('mandate', i18n.t('utility.messages.mandate_required'))
        }
        return {
          submissionId: data.submissionId,
          input: {
            step: 6,
            answer: {
              method: data.method,
              iban: debit ? (data.iban ?? null) : null,
              holder: debit ? (data.holder ?? null) : null,
              mandateAcceptedAt: debit ? new Date().toISOString() : null,
              advanceCents: Math.round(data.advance * 100),
            },
          },
        }
      }
    }
  }

  /** Step 1: the premise found, or the typed address flagged for staff. */
  async #premise(
    ctx: HttpContext,
    data: {
      mode: 'meter' | 'address'
      postalCode: string
      meterSerial?: string
      street?: string
      houseNumber?: string
      unit?: string
      city?: string
    }
  ): Promise<PremiseAnswer> {
    const { i18n } = ctx
    if (!(await premiseLookup.serves(data.postalCode))) {
      throw fieldError(
        'postalCode',
        i18n.t('utility.messages.postal_code_unknown', { postalCode: data.postalCode })
      )
    }
    if (data.mode === 'meter') {
      const premise = await premiseLookup.byMeter(data.postalCode, data.meterSerial!)
      if (!premise) {
        throw fieldError(
          'meterSerial',
          i18n.t('utility.messages.meter_unknown', {
            serial: data.meterSerial!,
            postalCode: data.postalCode,
          })
        )
      }
      return premiseLookup.answer(premise, { mode: 'meter', meterSerial: data.meterSerial! })
    }
    const address = {
      postalCode: data.postalCode,
      street: data.street!,
      houseNumber: data.houseNumber!,
      unit: data.unit ?? null,
    }
    const premise = await premiseLookup.byAddress(address)
    if (premise) return premiseLookup.answer(premise, { mode: 'address', meterSerial: null })
    const unit = address.unit ? ` ${address.unit}` : ''
    return {
      mode: 'address',
      premiseId: null,
      ...address,
      meterSerial: null,
      city: data.city!,
      label: `${address.street} ${address.houseNumber}${unit}, ${address.postalCode} ${data.city}`,
      services: await premiseLookup.offeredServices(),
      meters: [],
    }
  }

  /**
   * Step 5: one reading per meter of the premise (the resident's own list
   * for an unknown one), dated near the move, not below the last known
   * reading unless the resident confirms it; photos and takeover documents
   * checked by their content and stored in the plugin's files.
   */
  async #readings(
    ctx: HttpContext,
    posted: {
      serial: string
      service: ReadingAnswer['service']
      value: number
      readOn: Date
      confirmLower?: boolean
      attachment?: { tmpPath?: string; clientName: string; extname?: string }
    }[],
    state: MoveInState,
    key: string,
    stored: string[]
  ): Promise<ReadingAnswer[]> {
    const { i18n, tenant } = ctx
    const premise = state.answers.premise!
    const moveDate = DateTime.fromISO(state.answers.moveDate!.moveDate)
    const known = premise.meters
    const last = await premiseLookup.lastReadings(known.map((meter) => meter.id))
    if (known.length > 0) {
      for (const [index, meter] of known.entries()) {
        if (!posted.some((row) => row.serial === meter.serial)) {
          throw fieldError(`readings.${index}.value`, i18n.t('utility.messages.reading_missing'))
        }
      }
    }
    const answers: ReadingAnswer[] = []
    const files: { index: number; path: string; name: string }[] = []
    for (const [index, row] of posted.entries()) {
      const meter = known.find((candidate) => candidate.serial === row.serial)
      if (known.length > 0 && !meter) {
        throw fieldError(`readings.${index}.serial`, i18n.t('utility.messages.meter_not_here'))
      }
      const readOn = DateTime.fromJSDate(row.readOn).startOf('day')
      if (Math.abs(readOn.diff(moveDate, 'days').days) > 30 || readOn > today().plus({ days: 1 })) {
        throw fieldError(`readings.${index}.readOn`, i18n.t('utility.messages.reading_date'))
      }
      const previous = meter ? last.get(meter.id) : undefined
      const lower = previous !== undefined && row.value < previous.value
      if (lower && row.confirmLower !== true) {
        throw fieldError(
          `readings.${index}.value`,
          i18n.t('utility.messages.reading_lower', {
            last: previous.value,
            date: previous.readAt.toJSDate(),
          })
        )
      }
      if (row.attachment?.tmpPath) {
        files.push({ index, path: row.attachment.tmpPath, name: row.attachment.clientName })
      }
      answers.push({
        meterId: meter?.id ?? null,
        serial: row.serial,
        service: meter?.service ?? row.service,
        value: row.value,
        readOn: readOn.toISODate()!,
        lowerThanLast: lower,
        attachment: null,
      })
    }
    // Content first, for every file; then store them (nothing is stored of a refused step).
    const checked: { index: number; bytes: Buffer; mime: string; ext: string; name: string }[] = []
    for (const file of files) {
      const bytes = await readFile(file.path)
      const type = await fileTypeFromBuffer(bytes)
      if (!type || !['image/jpeg', 'image/png', 'application/pdf'].includes(type.mime)) {
        throw fieldError(
          `readings.${file.index}.attachment`,
          i18n.t('utility.messages.attachment_type')
        )
      }
      checked.push({ ...file, bytes, mime: type.mime, ext: type.ext })
    }
    for (const file of checked) {
      const fileKey = `move-ins/${key}/${answers[file.index].serial}-${randomUUID()}.${file.ext}`
      await services.drive.put(tenant.id, fileKey, file.bytes)
      stored.push(fileKey)
      answers[file.index].attachment = {
        key: fileKey,
        name: file.name.slice(0, 120),
        mime: file.mime,
      }
    }
    // A reading saved before keeps its photo when none is sent again.
    for (const answer of answers) {
      if (answer.attachment) continue
      const before = state.answers.readings?.readings.find((row) => row.serial === answer.serial)
      if (before?.attachment) answer.attachment = before.attachment
    }
    return answers
  }
}
