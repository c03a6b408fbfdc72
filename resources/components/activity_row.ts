import type { Data } from '~/types'

/**
 * One line of the activity log as the pages receive it (`ActivityEventTransformer`).
 *
 * @spec TEN-9
 */
export type ActivityRow = Data.Operations.ActivityEvent
