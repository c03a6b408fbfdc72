import { createHash, createHmac, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { CoreServices } from '#core/services'
import { db, sqlTimestamp, tenantContext } from '#core/database'
import MoveIn from '../app/models/move_in.js'
import MoveRequest from '../app/models/move_request.js'
import MoveTask from '../app/models/move_task.js'
import type { ConfirmInput, MoveInAnswers, MoveInLocale } from '../shared/move_in.js'

interface MoveInRef {
  tenantId: number
  key: string
}

const TASKS = [
  'confirm_customer',
  'confirm_location',
  'confirm_contract',
  'confirm_measurements',
] as const

/** SHA-256 of a resume token, as `utility_move_ins.token_hash` keeps it. */
export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

function formatDate(iso: string, locale: MoveInLocale): string {
  return DateTime.fromISO(iso).setLocale(`${locale}-BE`).toLocaleString(DateTime.DATE_FULL)
}

function residentName(answers: MoveInAnswers): string {
  const resident = answers.resident
  if (!resident) return ''
  return resident.kind === 'organisation' && resident.organisationName
    ? resident.organisationName
    : resident.firstName
}

/**
 * The move-in workflow's activities (UTIL-2). Each is idempotent: a retry
 * after a crash finds its work done, and e-mails go through the core's
 * outbox once per key.
 *
 * @spec UTIL-2
 */
export default function utilityActivities(services: CoreServices) {
  /**
   * The resume link's token for this wizard and address: an HMAC with the
   * tenant's own key, so a retried activity mails the very token whose hash
   * it stored, and a changed address gets a new link (the old one dies).
   */
  async function resumeToken(ref: MoveInRef, email: string): Promise<string> {
    const secret = await services.secrets(ref.tenantId, async (store) => {
      const current = await store.current('resume_link_key')
      if (current) return current.value
      await store.rotate('resume_link_key', randomBytes(32).toString('base64url'))
      return (await store.current('resume_link_key'))!.value
    })
    return createHmac('sha256', secret).update(`${ref.key}:${email}`).digest('base64url')
  }

  async function wizard(ref: MoveInRef) {
    return tenantContext.run(ref.tenantId, () => MoveIn.findBy('key', ref.key))
  }

  /** The last day the link works if the resident does nothing more. */
  async function expiresOn(ref: MoveInRef): Promise<string> {
    const settings = await services.settings(ref.tenantId)
    const days = Number(settings.abandonDays ?? 14)
    return DateTime.now().plus({ days }).toISODate()!
  }

  return {
    /** After step 3: e-mails a link that reopens the wizard in any browser. */
    async sendResumeLink(input: MoveInRef & { email: string; locale: MoveInLocale }) {
      const row = await wizard(input)
      if (!row || row.status !== 'open') return 'closed'
      const token = await resumeToken(input, input.email)
      await tenantContext.run(input.tenantId, async () => {
        row.tokenHash = hashResumeToken(token)
        await row.save()
      })
      await services.mail.send({
        key: `movein.resume.${input.key}.${hashResumeToken(input.email).slice(0, 16)}`,
        tenantId: input.tenantId,
        template: 'utility_move_in_resume',
        to: input.email,
        locale: input.locale,
        data: {
          resumeUrl: await services.url(input.tenantId, `/utility/move-in/resume/${token}`),
          expiresOn: formatDate(await expiresOn(input), input.locale),
        },
      })
      return 'sent'
    },

    /** Quiet for a few days: one reminder per quiet spell, with the same link. */
    async sendMoveInReminder(
      input: MoveInRef & { email: string; locale: MoveInLocale; idleSince: number }
    ) {
      const row = await wizard(input)
      if (!row || row.status !== 'open') return 'closed'
      const token = await resumeToken(input, input.email)
      await services.mail.send({
        key: `movein.reminder.${input.key}.${input.idleSince}`,
        tenantId: input.tenantId,
        template: 'utility_move_in_reminder',
        to: input.email,
        locale: input.locale,
        data: {
          resumeUrl: await services.url(input.tenantId, `/utility/move-in/resume/${token}`),
        },
      })
      return 'sent'
    },

    /**
     * Quiet for too long: the wizard closes, its link stops working, and the
     * photos and documents it received are deleted (nobody will process them).
     */
    async abandonMoveIn(ref: MoveInRef & { files?: string[] }) {
      for (const file of ref.files ?? []) {
        if (file.startsWith(`move-ins/${ref.key}/`)) await services.drive.delete(ref.tenantId, file)
      }
      await tenantContext.run(ref.tenantId, () =>
        MoveIn.query()
          .where('key', ref.key)
          .where('status', 'open')
          .update({ status: 'abandoned', token_hash: null, updated_at: sqlTimestamp() })
      )
      await services.activity.record({
        tenantId: ref.tenantId,
        event: 'move_in_abandoned',
        details: { key: ref.key },
      })
    },

    /**
     * Step 7: the move request (New) with its four staff tasks, once per
     * wizard (`move_in_key` is unique); the wizard closes with it.
     */
    async recordMoveRequest(
      input: MoveInRef & {
        answers: Required<MoveInAnswers>
        terms: ConfirmInput
        locale: MoveInLocale
      }
    ): Promise<{ reference: string }> {
      return tenantContext.run(input.tenantId, async () => {
        const existing = await MoveRequest.findBy('moveInKey', input.key)
        if (existing) return { reference: existing.reference }
        const request = await db.transaction(async (trx) => {
          const year = DateTime.now().setZone('Europe/Brussels').year
          const row = await MoveRequest.create(
            {
              kind: 'move_in',
              status: 'new',
              // Numbered from the row's id below: concurrent confirmations never collide.
              reference: `MI-${input.key.slice(0, 8)}`,
              moveInKey: input.key,
              premiseId: input.answers.premise.premiseId,
              moveDate: DateTime.fromISO(input.answers.moveDate.moveDate),
              residentEmail: input.answers.resident.email,
              residentLocale: input.locale,
              answers: JSON.stringify({ ...input.answers, terms: input.terms }),
            },
            { client: trx }
          )
          row.reference = `MI-${year}-${String(row.id).padStart(5, '0')}`
          await row.useTransaction(trx).save()
          await MoveTask.createMany(
            TASKS.map((task) => ({ moveRequestId: row.id, task })),
            { client: trx }
          )
          await MoveIn.query({ client: trx })
            .where('key', input.key)
            .update({ status: 'confirmed', token_hash: null, updated_at: sqlTimestamp() })
          return row
        })
        await services.activity.record({
          tenantId: input.tenantId,
          event: 'move_in_received',
          details: { reference: request.reference, premiseId: request.premiseId },
        })
        return { reference: request.reference }
      })
    },

    /** The resident's receipt, with the request's reference, in their language. */
    async sendMoveInReceived(input: MoveInRef & { locale: MoveInLocale }) {
      const request = await tenantContext.run(input.tenantId, () =>
        MoveRequest.findByOrFail('moveInKey', input.key)
      )
      const answers = JSON.parse(request.answers) as Required<MoveInAnswers>
      await services.mail.send({
        key: `movein.received.${input.key}`,
        tenantId: input.tenantId,
        template: 'utility_move_in_received',
        to: request.residentEmail,
        locale: input.locale,
        data: {
          name: residentName(answers),
          reference: request.reference,
          address: answers.premise.label,
          moveDate: formatDate(answers.moveDate.moveDate, input.locale),
        },
      })
    },
  }
}

export type UtilityActivities = ReturnType<typeof utilityActivities>
