import type { Data } from '@generated/data'
import type { JSONDataTypes } from '@adonisjs/core/types/transformers'

/**
 * A page's props: what every page receives (the Inertia middleware's shared
 * props) and what its controller renders. `T` names the page's own props by
 * the generated transformer types (`Data.Invitation[]`), never by a
 * hand-written object type, so a change in a transformer shows up here:
 *
 *   defineProps<InertiaProps<{ invitations: Data.Invitation[] }>>()
 */
export type InertiaProps<T extends JSONDataTypes = {}> = Data.SharedProps & T

export type { Data }
