import type { Data } from '@generated/data'
import type { JSONDataTypes } from '@adonisjs/core/types/transformers'

/**
 * A page's own props: what its controller renders, named by the generated
 * transformer types (`Data.Documents.DocumentRow[]`), never by a
 * hand-written object type, so a change in a transformer shows up in the
 * page at type-check time:
 *
 *   defineProps<InertiaProps<{ downloads: Data.Documents.Download[] }>>()
 *
 * The props every page receives (the Inertia middleware's shared props:
 * user, tenant, locale, flash messages) are read with `usePage<SharedProps>()`
 * rather than declared here: Vue's compiler must list a page's props at
 * build time and cannot expand the generated shared-props type.
 */
export type InertiaProps<T extends JSONDataTypes = {}> = T

export type SharedProps = Data.SharedProps

export type { Data }
