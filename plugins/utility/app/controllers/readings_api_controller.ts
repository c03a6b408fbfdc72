import type { HttpContext } from '@adonisjs/core/http'
import {
  ingestReadings,
  MAX_BATCH,
  ReadingsRefused,
  type IncomingReading,
} from '../readings/ingest.js'

const REASONS: Record<string, string> = {
  unknown_meter: 'No meter of this tenant has this serial.',
  invalid_instant: 'Give an ISO 8601 instant with its offset, like 2026-12-01T10:00:00+01:00.',
  in_the_future: 'The instant lies in the future.',
  invalid_value: 'The value must be a number, zero or more.',
  too_many: `A delivery holds at most ${MAX_BATCH} readings.`,
}

/**
 * UTIL-5: `POST /api/v1/utility/readings` with `{ "readings": [{ "meter":
 * "WM-20455", "at": "2026-12-01T10:00:00+01:00", "value": 15234.5 }] }`, up
 * to 10,000 per delivery. All or nothing: a refused delivery stores no
 * reading and lists each bad line (0-based) and field.
 *
 * @spec UTIL-5
 */
export default class ReadingsApiController {
  async store({ request, response }: HttpContext) {
    const readings = request.input('readings')
    if (!Array.isArray(readings) || readings.length === 0) {
      return response.unprocessableEntity({
        errors: [
          { field: 'readings', message: 'Send { "readings": [ … ] } with 1 to 10,000 readings.' },
        ],
      })
    }
    try {
      const result = await ingestReadings(readings as IncomingReading[], 'api')
      return response.created({ received: readings.length, ...result })
    } catch (error) {
      if (!(error instanceof ReadingsRefused)) throw error
      return response.unprocessableEntity({
        stored: 0,
        errors: error.problems.map((problem) => ({
          line: problem.line,
          field: `readings.${problem.line}.${problem.field}`,
          code: problem.reason,
          message: REASONS[problem.reason],
        })),
      })
    }
  }
}
